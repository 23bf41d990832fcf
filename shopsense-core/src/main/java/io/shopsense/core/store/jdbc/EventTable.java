package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.EventStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The event log in SQL. {@link #append} commits the whole list in one transaction, however long
 * (the dialect cuts it into statement batches of {@link Dialect#CHUNK} rows): a call is all or nothing.
 */
final class EventTable implements EventStore {
  private static final String SELECT = "SELECT " + EventRows.COLUMNS + " FROM events";

  private final Db db;
  private final Dialect dialect;

  EventTable(Db db, Dialect dialect) {
    this.db = db;
    this.dialect = dialect;
  }

  @Override
  public int append(List<Event> events) {
    if (events.isEmpty()) return 0;
    return db.write("append " + events.size() + " events", c -> dialect.insertEvents(c, events));
  }

  @Override
  public long bulkAppend(Iterator<? extends List<Event>> batches) {
    return db.write("bulk append of events", c -> BulkLoad.run(c, dialect, batches));
  }

  @Override
  public void forEachEvent(Consumer<Event> consumer) {
    db.stream("read events", c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq")) {
        ps.setFetchSize(Db.fetchSize());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) consumer.accept(EventRows.read(rs));
        }
      }
      return null;
    });
  }

  /**
   * Newest first: one statement that visits the days holding events newest first and seeks the
   * user's rows in each ({@link Days#RECENT_OF_USER}), instead of two statements per day from Java.
   */
  @Override
  public List<Event> recentEvents(String user, int limit) {
    if (limit <= 0) return List.of();
    return db.stream("read recent events of " + user, c -> {
      List<Event> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(Days.RECENT_OF_USER)) {
        ps.setString(1, user);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(EventRows.read(rs));
        }
      }
      return out;
    });
  }

  @Override
  public List<String> recentUsers(int limit) {
    if (limit <= 0) return List.of();
    return db.stream("read the most recently active shoppers", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT user_id FROM events GROUP BY user_id ORDER BY MAX(ts) DESC, user_id LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Override
  public long eventCount() {
    return db.count("events");
  }

  @Override
  public Map<EventType, Long> countByType() {
    return db.read("count events by type", c -> {
      Map<EventType, Long> m = new EnumMap<>(EventType.class);
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT type, COUNT(*) FROM events GROUP BY type")) {
        while (rs.next()) m.put(EventType.ofCode(rs.getInt(1)), rs.getLong(2));
      }
      return m;
    });
  }

  @Override
  public long[] distinctUsersAndItems() {
    return db.read("count distinct users and items", c -> {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT user_id), COUNT(DISTINCT item_id) FROM events")) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    });
  }

  /** Walks the day index up to the cut-off day instead of scanning the whole log. */
  @Override
  public long deleteEventsBefore(long time) {
    return db.write("delete events before " + time, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM events WHERE " + Days.DAY + " <= ? AND ts < ?")) {
        ps.setLong(1, time / 86_400_000L); // ts < time implies day(ts) <= day(time): division is monotonic
        ps.setLong(2, time);
        return (long) ps.executeUpdate();
      }
    });
  }
}
