package io.shopsense.spark;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.recommend.MatrixFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark training job, a command-line program run in its own JVM (Spark brings its own Jackson,
 * see the module's pom). It reads the interactions either from a store ({@code --store URL}:
 * SQLite or PostgreSQL, through the store SPI and {@link MatrixBuilder} with the same weights,
 * decay and de-duplication as the single-machine trainer) or from a matrix directory
 * ({@code --matrix DIR}: {@link MatrixFiles}, e.g. an engine snapshot), fits ALS with
 * {@link SparkAlsTrainer}, and writes into {@code --out DIR}: {@code model-als.bin} (or
 * {@code model-alswr.bin} with {@code --explicit}) in our model format, {@code users.bin} and
 * {@code items.bin} (the ids of the model's rows and columns) and {@code spark-als.properties} (the
 * parameters and timings).
 *
 * <pre>
 * java -Xmx4g -Djava.io.tmpdir=WORK/tmp -cp 'shopsense-spark/target/classes:shopsense-spark/target/lib/*' \
 *   io.shopsense.spark.SparkAlsJob --store postgresql://user:pass@host:5432/shop --out DIR \
 *   [--work-dir WORK] [--explicit] [--seed 42] [--set als.factors=64 --set spark.master=local[2] ...]
 * </pre>
 * Exit code 0 on success, 2 with a one-line message on bad usage or input.
 */
public final class SparkAlsJob {
  private static final Logger LOG = LoggerFactory.getLogger(SparkAlsJob.class);
  /** The report file written next to the model. */
  public static final String REPORT = "spark-als.properties";

  private SparkAlsJob() {}

  /** Parsed command line. */
  record Options(String store, Path matrix, Path out, Path workDir, boolean explicit, long seed, Map<String, String> overrides) {}

  public static void main(String[] args) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("spark-als: " + e.getMessage());
      System.exit(2);
      return;
    }
    // before any Spark or Hadoop class can read it: their scratch files go under the work directory
    moveTmpDir(o.workDir());
    try {
      run(o);
    } catch (IllegalArgumentException e) {
      System.err.println("spark-als: " + e.getMessage());
      System.exit(2);
    }
    System.exit(0); // Spark leaves non-daemon threads behind
  }

  /** Runs the job; returns the report it wrote. */
  public static Map<String, String> run(Options o) {
    Config config = Config.load(null, System.getenv(), o.overrides());
    SparkAlsTrainer.validate(config, !o.explicit());
    SparkSessions.master(config);
    Map<String, String> report = new LinkedHashMap<>();
    ProcessStats.resetPeaks();
    long t0 = System.nanoTime();
    InteractionMatrix m = load(o, config);
    report.put("load_seconds", secs(System.nanoTime() - t0));
    if (m.nnz() == 0) throw new IllegalArgumentException("no interactions to train on in " + (o.matrix() != null ? o.matrix() : "the store"));
    long cpu0 = ProcessStats.cpuNanos();
    long t1 = System.nanoTime();
    boolean joined = SparkSession.getDefaultSession().isDefined(); // a session already running (tests) is left running
    SparkSession spark = SparkSessions.start(config, o.workDir());
    report.put("session_seconds", secs(System.nanoTime() - t1));
    report.put("session_cpu_seconds", secs(ProcessStats.cpuNanos() - cpu0));
    try {
      SparkAlsTrainer trainer = o.explicit() ? SparkAlsTrainer.explicit(spark, config) : SparkAlsTrainer.implicit(spark, config);
      long cpu1 = ProcessStats.cpuNanos();
      SparkAlsRun run = trainer.train(m, o.seed());
      report.put("train_cpu_seconds", secs(ProcessStats.cpuNanos() - cpu1));
      write(run, m, o.out());
      report.put("master", SparkSessions.master(config));
      report.put("spark_version", spark.version());
      report.put("users", Integer.toString(m.rows()));
      report.put("items", Integer.toString(m.cols()));
      report.put("nnz", Integer.toString(m.nnz()));
      report.put("model", trainer.modelName());
      report.put("factors", Integer.toString(run.model().factors()));
      report.put("iterations", config.get(o.explicit() ? "alswr.iterations" : "als.iterations"));
      report.put("regularization", config.get(o.explicit() ? "alswr.regularization" : "als.regularization"));
      report.put("regularization_mapping", o.explicit() ? "raw" : config.get("spark.als.regularization_mapping"));
      report.put("reg_param", Double.toString(run.regParam()));
      if (!o.explicit()) report.put("alpha", config.get("als.alpha"));
      report.put("blocks", Integer.toString(run.blocks()));
      report.put("seed", Long.toString(o.seed()));
      report.put("prepare_seconds", secs(run.prepareSeconds()));
      report.put("fit_seconds", secs(run.fitSeconds()));
      report.put("fit_cpu_seconds", secs(run.fitCpuSeconds()));
      report.put("collect_seconds", secs(run.collectSeconds()));
      report.put("peak_heap_mb", String.format(Locale.ROOT, "%.0f", ProcessStats.peakHeapMb()));
      report.put("peak_rss_mb", ProcessStats.peakRssMb());
      writeReport(report, o.out().resolve(REPORT));
      LOG.info("spark-als: wrote {} ({} users x {} items, rank {}) to {}", trainer.modelName(), m.rows(), m.cols(),
          run.model().factors(), o.out());
      return report;
    } finally {
      if (!joined) spark.stop();
    }
  }

  private static InteractionMatrix load(Options o, Config config) {
    if (o.matrix() == null) {
      // without --store, the store.url key (SHOPSENSE_STORE_URL keeps a password off the command line)
      String url = o.store() != null ? o.store() : config.get("store.url").trim();
      if (url.isEmpty()) throw new IllegalArgumentException("give --store URL, --matrix DIR or set SHOPSENSE_STORE_URL");
      try (Store store = Stores.open(url)) {
        LOG.info("spark-als: reading events of {}", store.url());
        return MatrixBuilder.fromStore(store, config);
      }
    }
    try {
      return MatrixFiles.read(o.matrix());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the matrix in " + o.matrix() + ": " + e.getMessage(), e);
    }
  }

  private static void write(SparkAlsRun run, InteractionMatrix m, Path out) {
    try {
      MatrixFiles.writeIds(m, out);
      Path f = out.resolve("model-" + run.model().name() + ".bin");
      try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
        run.model().write(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to " + out, e);
    }
  }

  static Options parse(String[] args) {
    String store = null;
    Path matrix = null, out = null, work = null;
    boolean explicit = false;
    long seed = 42;
    Map<String, String> overrides = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--explicit")) {
        explicit = true;
        continue;
      }
      if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
      String v = args[++i];
      switch (a) {
        case "--store" -> store = v;
        case "--matrix" -> matrix = Path.of(v);
        case "--out" -> out = Path.of(v);
        case "--work-dir" -> work = Path.of(v);
        case "--seed" -> seed = parseSeed(v);
        case "--set" -> {
          int eq = v.indexOf('=');
          if (eq <= 0) throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + v + "'");
          overrides.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
        }
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (usage: [--store URL | --matrix DIR] --out DIR [--work-dir DIR] [--explicit] [--seed N] [--set KEY=VALUE]...)");
      }
    }
    if (store != null && matrix != null) throw new IllegalArgumentException("give one of --store URL and --matrix DIR, not both");
    if (out == null) throw new IllegalArgumentException("--out DIR is required");
    if (work == null) work = out.resolve("spark-work");
    return new Options(store, matrix, out, work, explicit, seed, overrides);
  }

  private static long parseSeed(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed must be an integer, got '" + v + "'");
    }
  }

  /** Points java.io.tmpdir at WORK/tmp unless the launcher already moved it off /tmp and the home folder. */
  static void moveTmpDir(Path work) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    if (tmp.equals(Path.of("/tmp")) || tmp.startsWith(Path.of(System.getProperty("user.home")))) {
      Path t = work.resolve("tmp").toAbsolutePath().normalize();
      try {
        Files.createDirectories(t);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + t, e);
      }
      System.setProperty("java.io.tmpdir", t.toString());
    }
  }

  private static void writeReport(Map<String, String> report, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("# Spark ALS training report (io.shopsense.spark.SparkAlsJob)\n");
      for (var e : report.entrySet()) w.write(e.getKey() + "=" + e.getValue() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String secs(long nanos) {
    return secs(nanos / 1e9);
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
