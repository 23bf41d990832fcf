package io.shopsense.core.store.jdbc;

import io.shopsense.core.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections and transactions of one store. A tiny pool: it opens connections on demand (never
 * blocks, so a consumer that calls back into the store while streaming cannot deadlock) and keeps
 * at most {@link #MAX_IDLE} idle. With a single-writer dialect every write runs on one dedicated
 * connection under a lock. A connection that failed is closed, never reused.
 */
final class Db implements AutoCloseable {
  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static final int MAX_IDLE = 4;
  private static final int MAX_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(Db.class);
  private static final int STREAM_FETCH = 1_000;

  private final Dialect dialect;
  private final String url;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final ReentrantLock writeLock = new ReentrantLock();
  private Connection writer; // single-writer dialects only; guarded by writeLock
  private volatile boolean closed;

  Db(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
  }

  String url() {
    return url;
  }

  /** Runs a read on an auto-commit connection. */
  <T> T read(String what, Work<T> work) {
    Connection c = borrow(what);
    boolean ok = false;
    try {
      T t = work.run(c);
      ok = true;
      return t;
    } catch (SQLException e) {
      throw fail(what, e);
    } finally {
      release(c, ok);
    }
  }

  /**
   * Runs a long read inside a transaction (rolled forward, it writes nothing), which PostgreSQL needs to honour the fetch size
   * (a cursor) instead of loading every row; on SQLite it pins one consistent snapshot.
   */
  <T> T stream(String what, Work<T> work) {
    Connection c = borrow(what);
    boolean ok = false;
    try {
      c.setAutoCommit(false);
      T t = work.run(c);
      c.commit();
      c.setAutoCommit(true);
      ok = true;
      return t;
    } catch (SQLException e) {
      throw fail(what, e);
    } finally {
      release(c, ok);
    }
  }

  /** Number of rows of a table. */
  long count(String table) {
    return read("count " + table, c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Fetch size for streaming statements. */
  static int fetchSize() {
    return STREAM_FETCH;
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  <T> T write(String what, Work<T> work) {
    if (!dialect.singleWriter()) {
      for (int attempt = 1; ; attempt++) {
        Connection c = borrow(what);
        boolean ok = false;
        try {
          T t = transaction(c, work);
          ok = true;
          return t;
        } catch (SQLException e) {
          // concurrent writers of the same ids may deadlock; the loser rolled back whole, so run it again
          if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
            ok = true;
            LOG.debug("{}: retrying after {}", what, e.getMessage());
            continue;
          }
          throw fail(what, e);
        } finally {
          release(c, ok);
        }
      }
    }
    writeLock.lock();
    try {
      if (closed) throw new StoreException(what + ": store " + url + " is closed");
      if (writer == null) writer = open(true);
      return transaction(writer, work);
    } catch (SQLException e) {
      closeQuietly(writer, e);
      writer = null;
      throw fail(what, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Deadlock or serialization failure (SQLSTATE 40P01, 40001). */
  private static boolean isRetryable(SQLException e) {
    return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
  }

  private static <T> T transaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T t = work.run(c);
      c.commit();
      c.setAutoCommit(true);
      return t;
    } catch (SQLException | RuntimeException | Error e) {
      try {
        c.rollback();
        c.setAutoCommit(true);
      } catch (SQLException r) {
        e.addSuppressed(r);
        if (e instanceof SQLException s) throw s;
        throw new SQLException("rollback failed after " + e, r);
      }
      throw e;
    }
  }

  private Connection borrow(String what) {
    if (closed) throw new StoreException(what + ": store " + url + " is closed");
    Connection c = idle.pollFirst();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    try {
      return open(false);
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private void release(Connection c, boolean ok) {
    if (ok && !closed) {
      if (idleCount.incrementAndGet() <= MAX_IDLE) {
        idle.addFirst(c);
        if (closed) drainIdle(); // close() ran meanwhile
        return;
      }
      idleCount.decrementAndGet();
    }
    closeQuietly(c, null);
  }

  private void drainIdle() {
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      idleCount.decrementAndGet();
      closeQuietly(c, null);
    }
  }

  private Connection open(boolean forWriter) throws SQLException {
    return dialect.dataSource(forWriter).getConnection();
  }

  private StoreException fail(String what, SQLException e) {
    return new StoreException(what + " failed on " + url + ": " + e.getMessage(), e);
  }

  /** Closes a connection; a failure is attached to the primary error when there is one. */
  private static void closeQuietly(Connection c, Exception primary) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException e) {
      if (primary != null) primary.addSuppressed(e);
      else LOG.warn("closing a connection failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
    writeLock.lock();
    try {
      closeQuietly(writer, null);
      writer = null;
    } finally {
      writeLock.unlock();
    }
    drainIdle();
    dialect.close();
  }
}
