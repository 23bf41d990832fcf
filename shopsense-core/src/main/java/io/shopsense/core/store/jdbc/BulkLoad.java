package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link io.shopsense.core.store.EventStore#bulkAppend} in the caller's transaction. Into an empty
 * event table the secondary indexes are dropped, the rows written plainly (ids de-duplicated in
 * memory, since the unique index is gone) and the indexes built once at the end: one sort per index
 * instead of a random B-tree insert per row and index. The unique index is rebuilt from the same
 * definition, so it still guards every later append. Into a table that holds events the batches go
 * through the ordinary conflict-skipping insert, still in one transaction.
 */
final class BulkLoad {
  private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

  private BulkLoad() {}

  static long run(Connection c, Dialect dialect, Iterator<? extends List<Event>> batches) throws SQLException {
    dialect.lockEvents(c); // before the emptiness check, so no other writer slips in between
    dialect.bulkSettings(c, true);
    try {
      return isEmpty(c) ? intoEmpty(c, dialect, batches) : intoExisting(c, dialect, batches);
    } finally {
      dialect.bulkSettings(c, false);
    }
  }

  private static long intoExisting(Connection c, Dialect dialect, Iterator<? extends List<Event>> batches)
      throws SQLException {
    long added = 0;
    while (batches.hasNext()) {
      List<Event> b = batches.next();
      if (!b.isEmpty()) added += dialect.insertEvents(c, b);
    }
    return added;
  }

  private static long intoEmpty(Connection c, Dialect dialect, Iterator<? extends List<Event>> batches)
      throws SQLException {
    List<String[]> indexes = dialect.eventIndexes(c);
    try (Statement st = c.createStatement()) {
      for (String[] index : indexes) st.execute("DROP INDEX " + index[0]);
    }
    Set<String> seen = new HashSet<>();
    List<Event> fresh = new ArrayList<>();
    long added = 0;
    long w0 = System.nanoTime();
    long c0 = threadCpu();
    while (batches.hasNext()) {
      fresh.clear();
      for (Event e : batches.next()) {
        if (e.id() == null || seen.add(e.id())) fresh.add(e);
      }
      if (!fresh.isEmpty()) added += dialect.insertNewEvents(c, fresh);
    }
    long t0 = System.nanoTime();
    long c1 = threadCpu();
    try (Statement st = c.createStatement()) {
      for (String[] index : indexes) st.execute(index[1]);
    }
    LOG.debug("bulk append into an empty table: {} rows in {} ms ({} ms CPU of the writer), {} indexes rebuilt in {} ms"
        + " ({} ms CPU)", added, (t0 - w0) / 1_000_000, (c1 - c0) / 1_000_000, indexes.size(),
        (System.nanoTime() - t0) / 1_000_000, (threadCpu() - c1) / 1_000_000);
    return added;
  }

  private static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static boolean isEmpty(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM events LIMIT 1")) {
      return !rs.next();
    }
  }
}
