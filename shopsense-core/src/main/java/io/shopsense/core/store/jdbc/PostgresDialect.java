package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import java.sql.Array;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL: concurrent writers, each on its own pooled connection. Events go in as one
 * {@code INSERT ... SELECT FROM unnest(arrays)} per chunk: a single statement per 10k rows
 * (far fewer round trips than a row batch) whose update count is exactly the number of new
 * events, which a rewritten batch ({@code reWriteBatchedInserts}) does not report.
 */
final class PostgresDialect implements Dialect {
  static final String INSERT_EVENTS = "INSERT INTO events (" + EventRows.COLUMNS + ")"
      + " SELECT a, b, c, d, e, f, g, h, i, j, k FROM unnest(?::text[], ?::text[], ?::int2[], ?::text[],"
      + " ?::int8[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::text[])"
      + " WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, j, k, n) ORDER BY n" // seq follows list order
      + " " + EventRows.ON_ID_CONFLICT;

  /** The bulk path's rows go in by COPY (text format): no per-row statement, no parameter arrays. */
  static final String COPY_EVENTS = "COPY events (" + EventRows.COLUMNS + ") FROM STDIN";

  private final PGSimpleDataSource source;

  PostgresDialect(String jdbcUrl, String user, String password) {
    source = new PGSimpleDataSource();
    source.setURL(jdbcUrl);
    if (user != null) source.setUser(user);
    if (password != null) source.setPassword(password);
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/postgresql";
  }

  @Override
  public DataSource dataSource(boolean writer) {
    return source;
  }

  @Override
  public boolean singleWriter() {
    return false;
  }

  @Override
  public int insertEvents(Connection c, List<Event> events) throws SQLException {
    int added = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
      for (int from = 0; from < events.size(); from += CHUNK) {
        List<Event> chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
        int n = chunk.size();
        String[] ids = new String[n], users = new String[n], items = new String[n], sessions = new String[n];
        String[] channels = new String[n], queries = new String[n], shown = new String[n], texts = new String[n];
        Short[] types = new Short[n];
        Long[] times = new Long[n];
        Double[] values = new Double[n];
        for (int r = 0; r < n; r++) {
          Event e = chunk.get(r);
          ids[r] = e.id();
          users[r] = e.user();
          types[r] = (short) e.type().ordinal();
          items[r] = e.item();
          times[r] = e.time();
          sessions[r] = e.session();
          channels[r] = EventRows.channel(e);
          values[r] = e.value();
          queries[r] = e.query();
          shown[r] = EventRows.shown(e);
          texts[r] = e.text();
        }
        Array[] arrays = {c.createArrayOf("text", ids), c.createArrayOf("text", users), c.createArrayOf("int2", types),
            c.createArrayOf("text", items), c.createArrayOf("int8", times), c.createArrayOf("text", sessions),
            c.createArrayOf("text", channels), c.createArrayOf("float8", values), c.createArrayOf("text", queries),
            c.createArrayOf("text", shown), c.createArrayOf("text", texts)};
        for (int i = 0; i < arrays.length; i++) ps.setArray(i + 1, arrays[i]);
        added += ps.executeUpdate();
        for (Array a : arrays) a.free();
      }
    }
    return added;
  }

  @Override
  public int insertNewEvents(Connection c, List<Event> events) throws SQLException {
    StringBuilder sb = new StringBuilder(events.size() * 160);
    for (Event e : events) {
      field(sb, e.id()).append('\t');
      field(sb, e.user()).append('\t');
      sb.append(e.type().ordinal()).append('\t');
      field(sb, e.item()).append('\t');
      sb.append(e.time()).append('\t');
      field(sb, e.session()).append('\t');
      field(sb, EventRows.channel(e)).append('\t');
      if (e.value() == null) sb.append("\\N");
      else sb.append(e.value().doubleValue()); // Java's Infinity, NaN and 1.0E-5 are valid float8 input
      sb.append('\t');
      field(sb, e.query()).append('\t');
      field(sb, EventRows.shown(e)).append('\t');
      field(sb, e.text()).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
    try {
      in.writeToCopy(bytes, 0, bytes.length);
      return Math.toIntExact(in.endCopy());
    } finally {
      if (in.isActive()) in.cancelCopy();
    }
  }

  /** One text-format COPY field: NULL as \N; backslash, tab, newline and carriage return escaped. */
  private static StringBuilder field(StringBuilder sb, String v) {
    if (v == null) return sb.append("\\N");
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }

  @Override
  public List<String[]> eventIndexes(Connection c) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT x.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid"
            + " WHERE i.indrelid = 'events'::regclass AND NOT i.indisprimary ORDER BY x.relname")) {
      while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
    }
    return out;
  }

  /** Self-exclusive, so one bulk append at a time and no plain append meanwhile; readers go on. */
  @Override
  public void lockEvents(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE");
    }
  }
}
