package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
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
  /** Rows per multi-row INSERT of the bulk path (1,408 parameters): 5% less CPU than 64 rows; 256 no better. */
  static final int ROWS_PER_INSERT = 128;
  private static final int COLUMN_COUNT = 11;
  // the channel goes in as its ordinal, made its wire name again by SQLite: an int crosses JNI
  // cheaper than a string (8% less CPU per row)
  private static final String ROW = row();
  private static final int BUSY_TIMEOUT_MS = 30_000;
  private static final long MMAP_BYTES = 1L << 30; // address space only; pages are shared with the OS cache

  // page size of a new file: 4x fewer page writes than the default 4 KiB when a bulk import commits
  // (and checkpoints) its hundred-odd MB; point lookups read a few more bytes per page
  static final int NEW_FILE_PAGE_SIZE = 16_384;
  private static final int CACHE_KIB = 32_768; // 32 MiB: index pages of a few million events stay hot
  // a bulk transaction keeps its dirty pages in the cache instead of spilling them to the WAL early
  private static final int BULK_CACHE_KIB = 262_144;

  private final SQLiteDataSource readers;
  private final SQLiteDataSource writer;

  SqliteDialect(Path file) {
    if (isNew(file)) create(file);
    this.readers = source(file, false);
    this.writer = source(file, true);
  }

  private static boolean isNew(Path file) {
    try {
      return Files.notExists(file) || Files.size(file) == 0;
    } catch (IOException e) {
      throw new StoreException("cannot read the size of " + file + ": " + e, e);
    }
  }

  /**
   * Creates the file with {@link #NEW_FILE_PAGE_SIZE}-byte pages, then turns on WAL. The page size
   * must be chosen before anything is written, and the data source's settings would turn on WAL
   * first, which fixes it at 4 KiB. Existing files keep their page size.
   */
  private static void create(Path file) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
         Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = " + NEW_FILE_PAGE_SIZE);
      st.execute("PRAGMA journal_mode = WAL");
    } catch (SQLException e) {
      throw new StoreException("cannot create the SQLite store " + file + ": " + e.getMessage(), e);
    }
  }

  private static SQLiteDataSource source(Path file, boolean writer) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.setCacheSize(-CACHE_KIB);
    // after a bulk import the WAL has held the whole import; a checkpoint that resets it truncates it to this
    cfg.setJournalSizeLimit(64 << 20);
    // take the write lock at BEGIN, so a transaction never fails half-way upgrading from read to write
    if (writer) cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // readers map the file: a page not in the connection's cache is read from the OS page cache in
    // place instead of copied in by a read() call (a shopper's recent events sit on pages all over the file)
    else cfg.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
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

  /**
   * One single-row statement run as a JDBC batch, its conflict clause skipping ids already stored (in
   * the table or earlier in the list). Not the bulk path's multi-row statements: appending into a
   * table that holds events (every HTTP append; an import into a non-empty store), those cost the
   * writer 20-40% more CPU per event, plus compiling a statement of a hundred-odd rows in every
   * transaction of a few hundred (ServerLoadBench ingestion: 2.2-2.3 ms of the writer per 100 events
   * with this statement, 3.2-3.6 ms with the multi-row ones; see docs/benchmarks.md "Server").
   */
  @Override
  public int insertEvents(Connection c, List<Event> events) throws SQLException {
    int added = 0;
    try (PreparedStatement ps = c.prepareStatement(insertRows(1) + " " + EventRows.ON_ID_CONFLICT)) {
      int pending = 0;
      for (Event e : events) {
        bind(ps, 0, e);
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

  /**
   * Statements of {@link #ROWS_PER_INSERT} rows (the rest in one shorter statement), rows in list
   * order so that seq follows it; returns the row count. Into the bulk path's empty table without
   * its secondary indexes, one statement step per 128 rows is cheaper than one per row.
   */
  @Override
  public int insertNewEvents(Connection c, List<Event> events) throws SQLException {
    int n = events.size();
    int whole = n / ROWS_PER_INSERT;
    int added = 0;
    if (whole > 0) {
      try (PreparedStatement ps = c.prepareStatement(insertRows(ROWS_PER_INSERT))) {
        for (int s = 0; s < whole; s++) added += insertRows(ps, events, s * ROWS_PER_INSERT, ROWS_PER_INSERT);
      }
    }
    int rest = n - whole * ROWS_PER_INSERT;
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(insertRows(rest))) {
        added += insertRows(ps, events, whole * ROWS_PER_INSERT, rest);
      }
    }
    return added;
  }

  /** Sum of per-row update counts: 1 inserted, 0 skipped as a duplicate id. */
  private static int sum(int[] counts) {
    int n = 0;
    for (int k : counts) n += k;
    return n;
  }

  /**
   * One statement; returns the rows it added. A method of its own, called once per statement, so
   * that the JIT compiles this small method rather than the whole batch loop with everything inlined
   * (once on-stack, then again), which was among the costliest compilations of a cold import.
   */
  private static int insertRows(PreparedStatement ps, List<Event> events, int from, int rows) throws SQLException {
    for (int r = 0; r < rows; r++) bind(ps, r * COLUMN_COUNT, events.get(from + r));
    return ps.executeUpdate();
  }

  /** An insert of this many rows, without a conflict clause. */
  private static String insertRows(int rows) {
    StringBuilder sb = new StringBuilder("INSERT INTO events (").append(EventRows.COLUMNS).append(") VALUES ");
    for (int r = 0; r < rows; r++) sb.append(r == 0 ? "" : ",").append(ROW);
    return sb.toString();
  }

  /** One row's values; the channel is bound as its ordinal and stored as its wire name (see {@link #ROW}). */
  private static String row() {
    StringBuilder sb = new StringBuilder("(?,?,?,?,?,?,CASE ?");
    for (Channel ch : Channel.values()) {
      sb.append(" WHEN ").append(ch.ordinal()).append(" THEN '").append(ch.wireName()).append('\'');
    }
    return sb.append(" END,?,?,?,?)").toString();
  }

  @Override
  public List<String[]> eventIndexes(Connection c) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")) {
      while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
    }
    return out;
  }

  @Override
  public void bulkSettings(Connection c, boolean on) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA cache_size = -" + (on ? BULK_CACHE_KIB : CACHE_KIB));
      // CREATE INDEX at the end of a bulk load may sort with helper threads when its keys outgrow the cache
      st.execute("PRAGMA threads = " + (on ? 2 : 0));
    }
  }

  /** Binds one event to parameters base+1 .. base+11. */
  private static void bind(PreparedStatement ps, int base, Event e) throws SQLException {
    ps.setString(base + 1, e.id());
    ps.setString(base + 2, e.user());
    ps.setInt(base + 3, e.type().ordinal());
    ps.setString(base + 4, e.item());
    ps.setLong(base + 5, e.time());
    ps.setString(base + 6, e.session());
    if (e.channel() == null) ps.setNull(base + 7, Types.INTEGER);
    else ps.setInt(base + 7, e.channel().ordinal());
    if (e.value() == null) ps.setNull(base + 8, Types.DOUBLE);
    else ps.setDouble(base + 8, e.value());
    ps.setString(base + 9, e.query());
    ps.setString(base + 10, EventRows.shown(e));
    ps.setString(base + 11, e.text());
  }
}
