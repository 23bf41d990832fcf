package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** What differs between the SQL backends: connections, migrations, writer policy and the event insert. */
interface Dialect {
  /** Statement batches and array inserts are cut at this many rows (bounded driver memory). */
  int CHUNK = 10_000;

  /** Flyway location of this backend's migrations. */
  String migrations();

  /** Data source for Flyway and for new connections. */
  DataSource dataSource(boolean writer);

  /** True when the database allows one writer at a time (SQLite): writes then share one connection under a lock. */
  boolean singleWriter();

  /**
   * Inserts events in the caller's transaction, skipping those whose id is already stored
   * (in the table or earlier in the list); returns how many were inserted.
   */
  int insertEvents(Connection c, List<Event> events) throws SQLException;

  /**
   * Inserts events known to be new (ids unique and not stored; the bulk path into an empty table,
   * whose unique index is dropped meanwhile) in the caller's transaction; returns the row count.
   */
  int insertNewEvents(Connection c, List<Event> events) throws SQLException;

  /** The secondary indexes of the events table as {name, the statement that creates it}. */
  List<String[]> eventIndexes(Connection c) throws SQLException;

  /** Keeps other writers off the events table until the transaction ends (bulk append). */
  default void lockEvents(Connection c) throws SQLException {}

  /** Connection settings for the length of a bulk append (on), restored afterwards (off). */
  default void bulkSettings(Connection c, boolean on) throws SQLException {}

  /** Releases backend resources after the last connection closed. */
  default void close() {}
}
