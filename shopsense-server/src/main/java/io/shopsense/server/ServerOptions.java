package io.shopsense.server;

import io.shopsense.core.config.Config;
import io.shopsense.server.auth.ApiKeys;
import java.util.Map;

/**
 * How to run the HTTP server. The API keys come from the environment ({@code SHOPSENSE_API_KEY},
 * {@code SHOPSENSE_ADMIN_KEY}), never from config files, so they do not show in a config dump.
 *
 * @param host address to bind; without keys it must be a loopback address
 * @param port TCP port, 0 for any free port
 * @param keys the API keys (or {@link ApiKeys#none()})
 * @param maxBodyBytes largest request body (413 above)
 * @param maxBatch most records per request (413 above)
 * @param maxSearchDepth deepest search result reachable by paging
 * @param ratePerSecond per client address, 0 = off
 * @param rateBurst per client address
 * @param keyRatePerSecond per API key, 0 = off
 * @param keyRateBurst per API key
 * @param maxClients most rate-limit buckets kept
 * @param maxThreads most request threads (Jetty's pool)
 */
public record ServerOptions(String host, int port, ApiKeys keys, long maxBodyBytes, int maxBatch, int maxSearchDepth,
    double ratePerSecond, double rateBurst, double keyRatePerSecond, double keyRateBurst, int maxClients, int maxThreads) {

  public ServerOptions {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be empty");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
    if (keys == null) keys = ApiKeys.none();
    if (maxBodyBytes < 1024) throw new IllegalArgumentException("server.max_body_bytes must be at least 1024");
    if (maxBatch < 1) throw new IllegalArgumentException("server.max_batch must be at least 1");
    if (maxSearchDepth < 1) throw new IllegalArgumentException("server.max_search_depth must be at least 1");
    if (maxThreads < 8) throw new IllegalArgumentException("server.max_threads must be at least 8");
  }

  /**
   * Options from the config keys {@code server.*} and the API keys of {@code env}.
   *
   * @throws IllegalArgumentException for a bad value or an incomplete key pair
   */
  public static ServerOptions from(Config config, Map<String, String> env, String host, int port) {
    return new ServerOptions(host, port, new ApiKeys(env.get("SHOPSENSE_API_KEY"), env.get("SHOPSENSE_ADMIN_KEY")),
        config.getLong("server.max_body_bytes"), config.getInt("server.max_batch"),
        config.getInt("server.max_search_depth"),
        config.getDouble("server.rate_limit_per_second"), config.getDouble("server.rate_limit_burst"),
        config.getDouble("server.key_rate_limit_per_second"), config.getDouble("server.key_rate_limit_burst"),
        config.getInt("server.rate_limit_max_clients"), config.getInt("server.max_threads"));
  }

  /** Defaults from the built-in config, no keys, loopback on the given port. */
  public static ServerOptions loopback(int port) {
    return from(Config.defaults(), Map.of(), "127.0.0.1", port);
  }

  /** The same options with other keys. */
  public ServerOptions withKeys(ApiKeys k) {
    return new ServerOptions(host, port, k, maxBodyBytes, maxBatch, maxSearchDepth, ratePerSecond, rateBurst,
        keyRatePerSecond, keyRateBurst, maxClients, maxThreads);
  }

  /** The same options with other per-address rate limits. */
  public ServerOptions withRateLimit(double perSecond, double burst) {
    return new ServerOptions(host, port, keys, maxBodyBytes, maxBatch, maxSearchDepth, perSecond, burst,
        keyRatePerSecond, keyRateBurst, maxClients, maxThreads);
  }

  /** The same options with another body cap. */
  public ServerOptions withMaxBodyBytes(long bytes) {
    return new ServerOptions(host, port, keys, bytes, maxBatch, maxSearchDepth, ratePerSecond, rateBurst,
        keyRatePerSecond, keyRateBurst, maxClients, maxThreads);
  }
}
