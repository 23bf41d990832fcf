package io.shopsense.server.cli;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.StoreException;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the store of a command: {@code --store URL} when given, else the config key
 * {@code store.url} ({@code DIR/shopsense.properties} or {@code SHOPSENSE_STORE_URL}), else SQLite
 * under {@code --data DIR}. Failures become one-line {@link UserError}s.
 */
final class CliStores {
  private CliStores() {}

  /**
   * Opens the store, creating the data directory when {@code create} is set.
   *
   * @throws UserError for a bad URL, a missing directory (when not creating) or a store that cannot be opened
   */
  static Store open(Path data, String storeUrl, boolean create) {
    String url = storeUrl != null && !storeUrl.isBlank() ? storeUrl : configuredUrl(data);
    boolean sqliteUnderData = url == null || url.isBlank();
    if (create) {
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new UserError("cannot create data directory " + data + ": " + e.getMessage());
      }
    } else if (sqliteUnderData && !Files.isRegularFile(data.resolve(Stores.SQLITE_FILE))) {
      throw new UserError("no store in " + data + " (create one with: shopsense import --data " + data + ")");
    }
    try {
      return sqliteUnderData ? Stores.forDataDir(data) : Stores.open(url);
    } catch (StoreException e) {
      throw new UserError("cannot open the store: " + firstLine(e.getMessage()));
    }
  }

  private static String configuredUrl(Path data) {
    try {
      return Config.load(data.resolve("shopsense.properties"), System.getenv(), Map.of()).get("store.url");
    } catch (ConfigException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
