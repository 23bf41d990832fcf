package io.shopsense.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every tunable of ShopSense as flat {@code key=value} pairs. Layers, later wins: the commented
 * defaults in every {@code shopsense-defaults.properties} on the classpath, an optional file ({@code shopsense.properties}
 * in the data directory), {@code SHOPSENSE_*} environment variables ({@code SHOPSENSE_ALS_FACTORS}
 * sets {@code als.factors}), then explicit overrides ({@code --set als.factors=64}). Unknown keys are
 * rejected so a typo never silently does nothing. Immutable.
 */
public final class Config {
  private final Map<String, String> values;

  private Config(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The built-in defaults only. */
  public static Config defaults() {
    return new Config(loadDefaults());
  }

  /**
   * Defaults, then the file (when it exists), then the environment, then the overrides.
   *
   * @throws ConfigException naming the key when a key is unknown
   */
  public static Config load(Path file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> m = loadDefaults();
    if (file != null && Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read " + file + ": " + e.getMessage(), null);
      }
      for (String k : p.stringPropertyNames()) put(m, k, p.getProperty(k), "file " + file);
    }
    if (env != null) {
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (!e.getKey().startsWith("SHOPSENSE_")) continue;
        String key = e.getKey().substring("SHOPSENSE_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (m.containsKey(key)) m.put(key, e.getValue()); // env also carries keys (API keys) that are not config
      }
    }
    if (overrides != null) overrides.forEach((k, v) -> put(m, k, v, "--set"));
    return new Config(m);
  }

  private static void put(Map<String, String> m, String key, String value, String where) {
    if (!m.containsKey(key)) throw new ConfigException("unknown config key '" + key + "' (from " + where + ")", key);
    m.put(key, value.trim());
  }

  /**
   * Merges every {@code shopsense-defaults.properties} on the classpath: each module ships the
   * commented defaults of its own keys. A key defined twice is a build error.
   */
  private static Map<String, String> loadDefaults() {
    Map<String, String> m = new TreeMap<>();
    try {
      var urls = Config.class.getClassLoader().getResources("shopsense-defaults.properties");
      while (urls.hasMoreElements()) {
        var url = urls.nextElement();
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
          p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String k : p.stringPropertyNames()) {
          if (m.put(k, p.getProperty(k).trim()) != null) {
            throw new IllegalStateException("config key '" + k + "' defined twice (again in " + url + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (m.isEmpty()) throw new IllegalStateException("no shopsense-defaults.properties on the classpath");
    return m;
  }

  /** A copy with more overrides applied (keys must exist). */
  public Config with(Map<String, String> overrides) {
    Map<String, String> m = new TreeMap<>(values);
    overrides.forEach((k, v) -> put(m, k, v, "override"));
    return new Config(m);
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) throw new ConfigException("unknown config key '" + key + "'", key);
    return v;
  }

  public int getInt(String key) {
    String v = get(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("config key '" + key + "' must be an integer, got '" + v + "'", key);
    }
  }

  public long getLong(String key) {
    String v = get(key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("config key '" + key + "' must be an integer, got '" + v + "'", key);
    }
  }

  public double getDouble(String key) {
    String v = get(key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("config key '" + key + "' must be a number, got '" + v + "'", key);
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key);
    if (v.equalsIgnoreCase("true")) return true;
    if (v.equalsIgnoreCase("false")) return false;
    throw new ConfigException("config key '" + key + "' must be true or false, got '" + v + "'", key);
  }

  /** All keys and values, sorted. */
  public Map<String, String> asMap() {
    return values;
  }
}
