package io.shopsense.bench;

import io.shopsense.core.SharedData;
import io.shopsense.core.config.Config;
import io.shopsense.core.io.ImportFormat;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.MatrixFiles;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.eval.AlgorithmResult;
import io.shopsense.recommend.eval.EvalFiles;
import io.shopsense.recommend.eval.Evaluator;
import io.shopsense.recommend.eval.InteractionLog;
import io.shopsense.recommend.eval.Split;
import io.shopsense.recommend.eval.TestSet;
import io.shopsense.recommend.mf.FactorModel;
import io.shopsense.recommend.mf.ImplicitAls;
import io.shopsense.recommend.mf.MfKernels;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Issue 3's side-by-side: our implicit ALS against Spark MLlib's ALS (4.2.0, local[2]) in one run,
 * on the real MovieLens-1M of the NCF files as implicit feedback (every training rating weighs 1),
 * with the same rank, regularization (mapped, see {@code io.shopsense.spark.RegularizationMapping}),
 * alpha, iterations and seed. Both models are measured by the same {@link Evaluator} (full ranking
 * of every item the user has not rated, the NCF leave-one-out test item as the holdout, NDCG@10 and
 * HR@10). Target: ours at least 10x faster per iteration with NDCG@10 no worse than Spark's.
 *
 * <p>Spark runs in a child JVM on the {@code shopsense-spark} module's classpath
 * ({@code shopsense-spark/target/classes:shopsense-spark/target/lib/*}, made by {@code package}):
 * Spark 4.2.0 needs Jackson 2.21 while this module's server classes are built on 2.23 (see the spark
 * module's pom). The parent writes the training matrix ({@link MatrixFiles}); the child
 * ({@code io.shopsense.spark.SparkAlsJob}) starts a session, fits, writes {@code model-als.bin} in
 * our format and a report of its timings (measured inside the child: session start, fit wall and
 * process CPU, peak heap); the parent reads the model back with {@link FactorModel#read} and
 * evaluates it. So the run also shows the Spark model round-tripping through the engine's format.
 *
 * <p>Options: {@code --factors 64 --iterations 10 --regularization 0.1 --alpha 10 --threads 2
 * --master local[2] --mapping matched|raw --spark-heap 4g --spark-target shopsense-spark/target
 * --work DIR --seed 42}.
 */
public final class SparkAlsBench {
  private SparkAlsBench() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    BenchArgs a = new BenchArgs(args);
    Path trainFile = SharedData.file("ncf/ml-1m.train.rating").orElseThrow(() -> new IllegalStateException(
        "shared data ncf/ml-1m.train.rating not found (see shared/data/README.md)"));
    Path testFile = SharedData.file("ncf/ml-1m.test.rating").orElseThrow();
    int threads = a.getInt("threads", 2);
    long seed = a.getLong("seed", 42);
    Config cfg = Config.defaults().with(Map.of(
        "als.factors", a.get("factors", "64"),
        "als.iterations", a.get("iterations", "10"),
        "als.regularization", a.get("regularization", "0.1"),
        "als.alpha", a.get("alpha", "10"),
        "eval.k", "10",
        "eval.threads", Integer.toString(threads),
        "eval.seed", Long.toString(seed)));
    int iterations = cfg.getInt("als.iterations");
    Path work = Path.of(a.get("work", "shopsense-bench/target/spark-als-bench")).toAbsolutePath();
    Path sparkTarget = Path.of(a.get("spark-target", "shopsense-spark/target")).toAbsolutePath();
    if (!Files.isDirectory(sparkTarget.resolve("lib"))) {
      throw new IllegalStateException(sparkTarget.resolve("lib") + " is missing: run ./mvnw -B -q -pl shopsense-bench -am package -DskipTests");
    }
    System.out.println("SparkAlsBench: " + Machine.describe());

    // the same split and matrix for both: NCF ML-1M, ratings as implicit weight 1, test = the leave-one-out item
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    InteractionLog tr = EvalFiles.readRatings(trainFile, ImportFormat.NCF, users, items).pairs().withValue(1f);
    InteractionLog te = EvalFiles.readRatings(testFile, ImportFormat.NCF, users, items);
    Split split = new Split("ml-1m.train.rating / ml-1m.test.rating (full ranking)", tr, TestSet.of(te));
    InteractionMatrix train = split.train().toMatrix(false);
    System.out.printf(Locale.ROOT, "  data: %d users x %d items, %d training non-zeros, %d test users; factors %d, iterations %d,"
        + " regularization %s, alpha %s, seed %d%n", train.rows(), train.cols(), train.nnz(), split.test().size(),
        cfg.getInt("als.factors"), iterations, cfg.get("als.regularization"), cfg.get("als.alpha"), seed);

    // ours, in this JVM
    TimedAls[] fitted = new TimedAls[1];
    Evaluator oursCapture = new Evaluator((name, c) -> fitted[0] = new TimedAls(new ImplicitAls(c)));
    AlgorithmResult oursResult = oursCapture.evaluate("als", split, train, cfg, List.of(), null);
    TimedAls t = fitted[0];

    // Spark, in a child JVM on the spark module's classpath
    Files.createDirectories(work);
    Path matrixDir = work.resolve("matrix");
    Path out = work.resolve("spark-out");
    MatrixFiles.write(train, matrixDir);
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + a.get("spark-heap", "4g"),
        "-Djava.io.tmpdir=" + work.resolve("tmp"), "--add-modules", "jdk.incubator.vector",
        "-cp", sparkTarget.resolve("classes") + ":" + sparkTarget.resolve("lib") + "/*",
        "io.shopsense.spark.SparkAlsJob", "--matrix", matrixDir.toString(), "--out", out.toString(),
        "--work-dir", work.resolve("spark-work").toString(), "--seed", Long.toString(seed)));
    for (String k : new String[] {"als.factors", "als.iterations", "als.regularization", "als.alpha"}) {
      cmd.add("--set");
      cmd.add(k + "=" + cfg.get(k));
    }
    cmd.addAll(List.of("--set", "spark.master=" + a.get("master", "local[2]"),
        "--set", "spark.als.regularization_mapping=" + a.get("mapping", "matched"),
        "--set", "spark.als.blocks=" + a.get("blocks", "0")));
    Files.createDirectories(work.resolve("tmp"));
    long c0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    int rc = p.waitFor();
    double childWall = (System.nanoTime() - c0) / 1e9;
    if (rc != 0) throw new IllegalStateException("the Spark job failed with exit code " + rc + ": " + String.join(" ", cmd));
    Properties report = new Properties();
    try (Reader r = Files.newBufferedReader(out.resolve("spark-als.properties"), StandardCharsets.UTF_8)) {
      report.load(r);
    }
    FactorModel sparkModel;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(out.resolve("model-als.bin"))))) {
      sparkModel = FactorModel.read(in, train, "als");
    }
    if (!MatrixFiles.readIds(out.resolve(MatrixFiles.USERS)).ids().equals(train.rowIds().ids())) {
      throw new IllegalStateException("the Spark model's users are not the training matrix's rows");
    }
    AlgorithmResult sparkResult = new Evaluator((name, c) -> new Prefitted(sparkModel))
        .evaluate("spark-als", split, train, cfg, List.of(), null);

    double oursIter = t.fitSeconds / iterations;
    double oursCpuIter = t.fitCpuSeconds / iterations;
    double sparkFit = num(report, "fit_seconds");
    double sparkIter = sparkFit / iterations;
    double sparkCpuIter = num(report, "fit_cpu_seconds") / iterations;
    List<Double> sorted = new ArrayList<>(t.iterationSeconds);
    sorted.sort(null);
    System.out.printf(Locale.ROOT, "%nSparkAlsBench result (%s; ours simd=%s, threads %d; Spark %s %s, %s blocks, regParam %s [%s])%n",
        split.name(), MfKernels.simd(), threads, report.getProperty("spark_version"), report.getProperty("master"),
        report.getProperty("blocks"), report.getProperty("reg_param"), report.getProperty("regularization_mapping"));
    System.out.printf(Locale.ROOT, "  ours : fit %.2f s wall, %.2f s CPU -> %.3f s wall / %.3f s CPU per iteration (median iteration %.3f s);"
        + " peak heap %.0f MB (sampled; pool peaks %.0f MB, -Xmx %.0f MB)%n", t.fitSeconds, t.fitCpuSeconds, oursIter, oursCpuIter,
        sorted.get(sorted.size() / 2), t.heapSampledMb, t.heapPoolMb, HeapWatcher.maxHeapMb());
    System.out.printf(Locale.ROOT, "  spark: session start %s s wall / %s s CPU; DataFrame %s s; fit %.2f s wall, %s s CPU -> %.3f s wall"
        + " / %.3f s CPU per iteration; collect %s s; peak heap %s MB (pool peaks); child JVM %.1f s in all%n",
        report.getProperty("session_seconds"), report.getProperty("session_cpu_seconds"), report.getProperty("prepare_seconds"),
        sparkFit, report.getProperty("fit_cpu_seconds"), sparkIter, sparkCpuIter, report.getProperty("collect_seconds"),
        report.getProperty("peak_heap_mb"), childWall);
    System.out.printf(Locale.ROOT, "  speed: ours is %.1fx faster per iteration in wall time, %.1fx in CPU time (target >= 10x)%n",
        sparkIter / oursIter, sparkCpuIter / oursCpuIter);
    System.out.printf(Locale.ROOT, "  quality (full ranking, %d users): ours NDCG@10 %.4f HR@10 %.4f; spark NDCG@10 %.4f HR@10 %.4f%n",
        oursResult.usersEvaluated(), oursResult.metrics().get("ndcg"), oursResult.metrics().get("hit_rate"),
        sparkResult.metrics().get("ndcg"), sparkResult.metrics().get("hit_rate"));
    System.out.printf(Locale.ROOT, "| %s | %.3f / %.3f | %.3f / %.3f | %.1fx / %.1fx | %.4f / %.4f | %.4f / %.4f | %s s |%n",
        report.getProperty("regularization_mapping"), oursIter, oursCpuIter, sparkIter, sparkCpuIter, sparkIter / oursIter,
        sparkCpuIter / oursCpuIter, oursResult.metrics().get("ndcg"), sparkResult.metrics().get("ndcg"),
        oursResult.metrics().get("hit_rate"), sparkResult.metrics().get("hit_rate"), report.getProperty("session_seconds"));
    System.exit(0);
  }

  private static double num(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) throw new IllegalStateException("the Spark report has no " + key);
    return Double.parseDouble(v);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Our ALS, timing its fit (wall, process CPU, per iteration) and peak heap. */
  private static final class TimedAls implements Recommender {
    private final ImplicitAls als;
    final List<Double> iterationSeconds = new ArrayList<>();
    double fitSeconds;
    double fitCpuSeconds;
    double heapSampledMb;
    double heapPoolMb;

    TimedAls(ImplicitAls als) {
      this.als = als;
    }

    @Override
    public String name() {
      return als.name();
    }

    @Override
    public TrainedModel fit(InteractionMatrix data, TrainContext ctx) {
      try (HeapWatcher heap = new HeapWatcher()) {
        long cpu0 = CpuClock.processNanos();
        long t0 = System.nanoTime();
        FactorModel m = als.fit(data, ctx, (done, total, sec, loss) -> iterationSeconds.add(sec));
        fitSeconds = (System.nanoTime() - t0) / 1e9;
        fitCpuSeconds = (CpuClock.processNanos() - cpu0) / 1e9;
        heapSampledMb = heap.sampledPeakMb();
        heapPoolMb = heap.poolPeaksMb();
        return m;
      }
    }

    @Override
    public TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException {
      return als.read(in, data);
    }
  }

  /** A model fitted elsewhere (the Spark child JVM), handed to the Evaluator as its "fit". */
  private record Prefitted(FactorModel model) implements Recommender {
    @Override
    public String name() {
      return "spark-als";
    }

    @Override
    public TrainedModel fit(InteractionMatrix data, TrainContext ctx) {
      if (data.rows() != model.numUsers() || data.cols() != model.numItems()) {
        throw new IllegalStateException("the Spark model is " + model.numUsers() + " x " + model.numItems() + ", the matrix "
            + data.rows() + " x " + data.cols());
      }
      return model;
    }

    @Override
    public TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException {
      return FactorModel.read(in, data, "als");
    }
  }
}
