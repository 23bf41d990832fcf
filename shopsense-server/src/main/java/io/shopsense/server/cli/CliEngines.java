package io.shopsense.server.cli;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.store.StoreException;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the engine for a command ({@code train}, {@code search}, {@code recommend}): the config is
 * {@code DIR/shopsense.properties}, the environment and the {@code --set} overrides; failures a user
 * can fix become one-line {@link UserError}s.
 */
final class CliEngines {
  private CliEngines() {}

  static ShopSense open(Path data, String storeUrl, Map<String, String> sets) {
    if (data == null) throw new UserError("--data DIR is required");
    Config config;
    try {
      config = Config.load(data.resolve("shopsense.properties"), System.getenv(), sets);
    } catch (ConfigException e) {
      throw new UserError(e.getMessage());
    }
    boolean sqlite = (storeUrl == null || storeUrl.isBlank()) && config.get("store.url").isBlank();
    if (sqlite && !Files.isRegularFile(data.resolve(Stores.SQLITE_FILE))) {
      throw new UserError("no store in " + data + " (create one with: shopsense import --data " + data + ")");
    }
    try {
      return ShopSense.open(new EngineOptions(data, storeUrl, config));
    } catch (StoreException e) {
      throw new UserError("cannot open the store: " + firstLine(e.getMessage()));
    } catch (IllegalStateException e) {
      throw new UserError(firstLine(e.getMessage()));
    }
  }

  static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
