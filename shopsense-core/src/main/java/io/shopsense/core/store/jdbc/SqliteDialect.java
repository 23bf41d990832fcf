package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite: one file in WAL mode. {@code synchronous=FULL} fsyncs the WAL at every commit, so an
 * event is on disk when {@code append} returns (NORMAL could lose the last commits on power loss);
 * the cost is one fsync per batch. Writers are serialized by SQLite anyway, so the store keeps a
 * single writer connection (BEGIN IMMEDIATE) and lets readers use their own connections.
 */
final class SqliteDialect implements Dialect {
  static final String INSERT_EVENT = "INSERT INTO events (" + EventRows.COLUMNS
      + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) " + EventRows.ON_ID_CONFLICT;
  private static final int BUSY_TIMEOUT_MS = 30_000;

  private final SQLiteDataSource readers;
  private final SQLiteDataSource writer;

  SqliteDialect(Path file) {
    this.readers = source(file, false);
    this.writer = source(file, true);
  }

  private static SQLiteDataSource source(Path file, boolean writer) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.setCacheSize(-32_768); // 32 MiB: index pages of a few million events stay hot
    // take the write lock at BEGIN, so a transaction never fails half-way upgrading from read to write
    if (writer) cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/sqlite";
  }

  @Override
  public DataSource dataSource(boolean forWriter) {
    return forWriter ? writer : readers;
  }

  @Override
  public boolean singleWriter() {
    return true;
  }

  @Override
  public int insertEvents(Connection c, List<Event> events) throws SQLException {
    int added = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
      int pending = 0;
      for (Event e : events) {
        bind(ps, e);
        ps.addBatch();
        if (++pending == CHUNK) {
          added += sum(ps.executeBatch());
          pending = 0;
        }
      }
      if (pending > 0) added += sum(ps.executeBatch());
    }
    return added;
  }

  private static void bind(PreparedStatement ps, Event e) throws SQLException {
    ps.setString(1, e.id());
    ps.setString(2, e.user());
    ps.setInt(3, e.type().ordinal());
    ps.setString(4, e.item());
    ps.setLong(5, e.time());
    ps.setString(6, e.session());
    ps.setString(7, EventRows.channel(e));
    if (e.value() == null) ps.setNull(8, Types.DOUBLE);
    else ps.setDouble(8, e.value());
    ps.setString(9, e.query());
    ps.setString(10, EventRows.shown(e));
    ps.setString(11, e.text());
  }

  /** Sum of per-row update counts: 1 inserted, 0 skipped as a duplicate id. */
  private static int sum(int[] counts) {
    int n = 0;
    for (int k : counts) n += k;
    return n;
  }
}
