package io.shopsense.core.store;

import io.shopsense.core.store.jdbc.JdbcStore;
import java.nio.file.Path;

/**
 * Opens a {@link Store} by URL: {@code sqlite:<path>} (the default backend, one file) or
 * {@code postgresql://user:pass@host:port/db}; the {@code jdbc:} prefixed forms work too.
 * The schema is created or migrated on open.
 */
public final class Stores {
  /** The SQLite file name inside a data directory. */
  public static final String SQLITE_FILE = "shopsense.db";

  private Stores() {}

  /** Opens the store at this URL. Unknown schemes are an IllegalArgumentException naming the URL. */
  public static Store open(String url) {
    StoreUrl u = StoreUrl.parse(url);
    return switch (u.backend()) {
      case SQLITE -> JdbcStore.sqlite(u.sqliteFile(), u.display());
      case POSTGRESQL -> JdbcStore.postgres(u.jdbcUrl(), u.user(), u.password(), u.display());
    };
  }

  /** The default store of a data directory: SQLite at {@code <dir>/shopsense.db}. */
  public static Store forDataDir(Path dir) {
    return open("sqlite:" + dir.resolve(SQLITE_FILE));
  }
}
