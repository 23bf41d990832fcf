package io.shopsense.engine;

import io.shopsense.core.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to open an engine.
 *
 * @param dataDir holds the SQLite store (unless {@code storeUrl} names another), the search index
 *     under {@code index/} and the model snapshots under {@code models/}
 * @param storeUrl store URL ({@code sqlite:...}, {@code postgresql://...}); null means the config key
 *     {@code store.url}, and when that is empty SQLite in {@code dataDir}
 * @param config the configuration; null means {@code <dataDir>/shopsense.properties}, then the
 *     {@code SHOPSENSE_*} environment, over the defaults
 */
public record EngineOptions(Path dataDir, String storeUrl, Config config) {
  public EngineOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    if (config == null) config = Config.load(dataDir.resolve("shopsense.properties"), System.getenv(), Map.of());
  }

  /** The data directory with its own configuration. */
  public static EngineOptions of(Path dataDir) {
    return new EngineOptions(dataDir, null, null);
  }

  /** The same options with config overrides applied (keys must exist). */
  public EngineOptions with(Map<String, String> overrides) {
    return new EngineOptions(dataDir, storeUrl, config.with(overrides));
  }

  /** The store URL to open: the explicit one, else {@code store.url}, else null (SQLite in the data dir). */
  String effectiveStoreUrl() {
    if (storeUrl != null && !storeUrl.isBlank()) return storeUrl;
    String u = config.get("store.url");
    return u.isBlank() ? null : u;
  }
}
