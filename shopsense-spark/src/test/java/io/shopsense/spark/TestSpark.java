package io.shopsense.spark;

import io.shopsense.core.config.Config;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One real Spark session (local[2]) shared by every test class of the module: starting one costs
 * 7-25 s, so it starts once per test JVM, its directories under target/, and stops with the JVM.
 */
final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSessions.start(config(), Path.of("target", "spark-work"));
    }
    return session;
  }

  /** Defaults with local[2] and the overrides. */
  static Config config(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    m.put("spark.master", "local[2]");
    for (int k = 0; k < kv.length; k += 2) m.put(kv[k], kv[k + 1]);
    return Config.defaults().with(m);
  }
}
