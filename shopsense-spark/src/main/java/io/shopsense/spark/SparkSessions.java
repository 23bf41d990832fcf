package io.shopsense.spark;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the {@link SparkSession} the trainer runs in, configured for a machine with no network
 * and a shared home folder: no web UI, the driver bound to 127.0.0.1, and every directory Spark or
 * Hadoop writes to (shuffle and spill files, the SQL warehouse, Hadoop's tmp) under one work
 * directory the caller gives, never the home folder or the current directory. The JVM's
 * {@code java.io.tmpdir} cannot be moved once classes have used it, so the launcher sets it
 * ({@code -Djava.io.tmpdir=<work>/tmp}); {@link #start} warns when it is still /tmp or in the home folder.
 *
 * <p>Keys: {@code spark.master} ({@code local[N]}, {@code local[*]} or a cluster URL) and
 * {@code spark.shuffle_partitions}. Starting a session takes 7-25 s on 2 cores, mostly class loading.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
  private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)])?|(spark|yarn|k8s)(://.+)?");

  private SparkSessions() {}

  /**
   * Starts (or joins the running) session.
   *
   * @param workDir created if missing; holds {@code local/}, {@code warehouse/} and {@code hadoop/}
   * @throws ConfigException for a malformed {@code spark.master} or partition count
   */
  public static SparkSession start(Config config, Path workDir) {
    String master = master(config);
    int partitions = config.getInt("spark.shuffle_partitions");
    if (partitions < 1) throw new ConfigException("spark.shuffle_partitions must be at least 1, got " + partitions, "spark.shuffle_partitions");
    Path work = workDir.toAbsolutePath().normalize();
    Path local = mkdirs(work.resolve("local"));
    Path hadoop = mkdirs(work.resolve("hadoop"));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    if (tmp.equals(Path.of("/tmp")) || tmp.startsWith(Path.of(System.getProperty("user.home")))) {
      LOG.warn("java.io.tmpdir is {}, outside the Spark work directory {}; start the JVM with -Djava.io.tmpdir={}/tmp", tmp, work, work);
    }
    long t0 = System.nanoTime();
    SparkSession s = SparkSession.builder()
        .appName("shopsense")
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", local.toString())
        .config("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString())
        .config("spark.hadoop.hadoop.tmp.dir", hadoop.toString())
        .config("spark.sql.shuffle.partitions", Integer.toString(partitions))
        // no event log, no metrics sinks: nothing leaves the work directory
        .config("spark.eventLog.enabled", "false")
        .getOrCreate();
    LOG.info("spark: session {} started in {} s (work directory {})", master,
        String.format("%.1f", (System.nanoTime() - t0) / 1e9), work);
    return s;
  }

  /** {@code spark.master}, checked: {@code local}, {@code local[N]}, {@code local[*]} or a cluster URL. */
  public static String master(Config config) {
    String m = config.get("spark.master").trim();
    if (!MASTER.matcher(m).matches()) {
      throw new ConfigException("spark.master must be local[N], local[*] or a spark://, yarn or k8s:// URL, got '" + m + "'",
          "spark.master");
    }
    return m;
  }

  private static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Spark directory " + p, e);
    }
  }
}
