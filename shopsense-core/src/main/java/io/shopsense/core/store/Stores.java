package io.shopsense.core.store;

import io.shopsense.core.config.Config;
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

  /** The store named by config key {@code store.url}, or the data directory's SQLite file when it is empty. */
  public static Store open(Config config, Path dataDir) {
    String url = config.get("store.url");
    return url == null || url.isBlank() ? forDataDir(dataDir) : open(url);
  }
}
