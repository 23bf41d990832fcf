package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.EventStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
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

  @Override
  public List<Event> recentEvents(String user, int limit) {
    if (limit <= 0) return List.of();
    return db.read("read recent events of " + user, c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE user_id = ? ORDER BY ts DESC, seq DESC LIMIT ?")) {
        ps.setString(1, user);
        ps.setInt(2, limit);
        List<Event> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(EventRows.read(rs));
        }
        return out;
      }
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

  /** A full scan (there is no index on time alone: it would slow every append for a rare job). */
  @Override
  public long deleteEventsBefore(long time) {
    return db.write("delete events before " + time, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE ts < ?")) {
        ps.setLong(1, time);
        return (long) ps.executeUpdate();
      }
    });
  }
}
