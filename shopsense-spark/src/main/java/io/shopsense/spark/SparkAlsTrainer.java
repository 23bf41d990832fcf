package io.shopsense.spark;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.mf.ExplicitAls;
import io.shopsense.recommend.mf.FactorModel;
import io.shopsense.recommend.mf.ImplicitAls;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix factorization by Spark MLlib's ALS ({@link ALS}: the block-partitioned ALS of Das et al.,
 * "Large-Scale Parallel Collaborative Filtering on the Netflix Prize" / ALS-WR, with the implicit
 * confidence model of Hu, Koren &amp; Volinsky 2008), fitted on our {@link InteractionMatrix} and
 * returned as our {@link FactorModel}, so it is written ({@link FactorModel#write}), read and served
 * exactly like a model of the single-machine trainer. Row i of the user factors is user
 * {@code data.rowIds().id(i)}; Spark sees the dense indexes as its integer ids, so no id is lost or
 * re-hashed. Users or items without a positive rating get zero factors.
 *
 * <p>Implicit mode reads the keys of {@link ImplicitAls} ({@code als.factors, als.iterations,
 * als.regularization, als.alpha}) and names its model {@code als} (the engine's ALS slot, with
 * fold-in); explicit mode reads those of {@link ExplicitAls} ({@code alswr.*}) and names it
 * {@code alswr}. Confidence is {@code 1 + alpha r} in both codes; the ridge conventions differ and are
 * mapped by {@link RegularizationMapping} ({@code spark.als.regularization_mapping}). Spark solves
 * each row exactly (Cholesky) where ours takes {@code als.cg_steps} conjugate-gradient steps.
 * {@code spark.als.blocks} sets the user and item blocks (0: the session's default parallelism).
 *
 * <p>Cost per iteration as ALS: O(nnz f² + (users + items) f³) plus shuffling every block's factors
 * to the blocks that need them. Needs a running {@link SparkSession} ({@link SparkSessions#start});
 * its cores ({@code spark.master}) set the parallelism, so {@link TrainContext#threads()} is not used.
 */
public final class SparkAlsTrainer implements Recommender {
  private static final Logger LOG = LoggerFactory.getLogger(SparkAlsTrainer.class);
  /** The name this trainer is evaluated under (the model it returns is named {@code als} or {@code alswr}). */
  public static final String NAME = "spark-als";

  private final SparkSession spark;
  private final boolean implicit;
  private final int factors;
  private final int iterations;
  private final float regularization;
  private final float alpha;
  private final int blocks;
  private final RegularizationMapping mapping;

  private SparkAlsTrainer(SparkSession spark, Config config, boolean implicit) {
    this.implicit = implicit;
    String p = implicit ? "als." : "alswr.";
    this.factors = Params.intIn(config, p + "factors", 1, 1024);
    this.iterations = Params.intIn(config, p + "iterations", 1, 10_000);
    this.regularization = (float) Params.doubleIn(config, p + "regularization", implicit ? 0 : 1e-9, 1e6);
    this.alpha = implicit ? (float) Params.doubleIn(config, "als.alpha", 0, 1e6) : Float.NaN;
    this.blocks = Params.intIn(config, "spark.als.blocks", 0, 100_000);
    this.mapping = implicit ? RegularizationMapping.from(config) : RegularizationMapping.RAW;
    this.spark = spark; // checked after the parameters, so bad keys are reported before a session is started
  }

  /**
   * Checks every key the trainer reads without a session, so a job can refuse a bad value before
   * spending seconds on starting Spark.
   *
   * @throws io.shopsense.core.config.ConfigException naming the key
   */
  public static void validate(Config config, boolean implicit) {
    new SparkAlsTrainer(null, config, implicit);
  }

  /** Implicit-feedback ALS with the {@code als.*} keys; its model is named {@code als}. */
  public static SparkAlsTrainer implicit(SparkSession spark, Config config) {
    return new SparkAlsTrainer(Objects.requireNonNull(spark, "spark session"), config, true);
  }

  /** Explicit ALS-WR with the {@code alswr.*} keys (the matrix weights are ratings); its model is named {@code alswr}. */
  public static SparkAlsTrainer explicit(SparkSession spark, Config config) {
    return new SparkAlsTrainer(Objects.requireNonNull(spark, "spark session"), config, false);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The name of the models this trainer returns: {@code als} or {@code alswr}. */
  public String modelName() {
    return implicit ? ImplicitAls.NAME : ExplicitAls.NAME;
  }

  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx) {
    return train(data, ctx.seed()).model();
  }

  /** Fits and reports the timings. */
  public SparkAlsRun train(InteractionMatrix data, long seed) {
    checkValues(data);
    double regParam = mapping.regParam(regularization, data);
    int b = blocks > 0 ? blocks : spark.sparkContext().defaultParallelism();
    LOG.info("spark-als: {} users x {} items, {} non-zeros, rank {}, {} iterations, regParam {} ({} from {} {}), alpha {}, {} blocks (0%)",
        data.rows(), data.cols(), data.nnz(), factors, iterations, String.format("%.6g", regParam),
        mapping.name().toLowerCase(java.util.Locale.ROOT), implicit ? "als.regularization" : "alswr.regularization",
        regularization, implicit ? alpha : "n/a", b);
    long t0 = System.nanoTime();
    Dataset<Row> ratings = toDataFrame(data, b).cache();
    long rows = ratings.count();
    long t1 = System.nanoTime();
    LOG.info("spark-als: {} ratings in a cached DataFrame in {} s (10%)", rows, String.format("%.1f", (t1 - t0) / 1e9));
    ALS als = new ALS()
        .setUserCol("user").setItemCol("item").setRatingCol("rating")
        .setImplicitPrefs(implicit)
        .setRank(factors)
        .setMaxIter(iterations)
        .setRegParam(regParam)
        .setSeed(seed)
        .setNumUserBlocks(b).setNumItemBlocks(b)
        .setCheckpointInterval(-1); // no checkpoint directory: lineage of a few iterations is cheap
    if (implicit) als.setAlpha(alpha);
    long cpu0 = ProcessStats.cpuNanos();
    ALSModel fitted = als.fit(ratings);
    long cpu1 = ProcessStats.cpuNanos();
    long t2 = System.nanoTime();
    LOG.info("spark-als: fitted in {} s, {} s per iteration (90%)", String.format("%.1f", (t2 - t1) / 1e9),
        String.format("%.2f", (t2 - t1) / 1e9 / iterations));
    float[] u = collect(fitted.userFactors(), data.rows(), "user");
    float[] v = collect(fitted.itemFactors(), data.cols(), "item");
    ratings.unpersist();
    long t3 = System.nanoTime();
    LOG.info("spark-als: factors collected in {} s (100%)", String.format("%.1f", (t3 - t2) / 1e9));
    FactorModel model = implicit
        ? new FactorModel(ImplicitAls.NAME, factors, u, v, null, alpha, regularization)
        : new FactorModel(ExplicitAls.NAME, factors, u, v, null, Float.NaN, Float.NaN);
    return new SparkAlsRun(model, fitted, regParam, b, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
        cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9);
  }

  /** Both modes read the same flat format; the name in the header says which it is. */
  @Override
  public FactorModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return FactorModel.read(in, data, modelName());
  }

  /** (user, item, rating) rows in {@code partitions} partitions. */
  private Dataset<Row> toDataFrame(InteractionMatrix m, int partitions) {
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false);
    List<Row> rows = new ArrayList<>(m.nnz());
    int[] cols = m.colIndex();
    float[] vals = m.values();
    for (int r = 0; r < m.rows(); r++) {
      for (int q = m.rowStart(r); q < m.rowEnd(r); q++) rows.add(RowFactory.create(r, cols[q], vals[q]));
    }
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  /** Spark's (id, features) rows into a row-major array of n x factors; ids Spark never saw stay zero. */
  private float[] collect(Dataset<Row> factorRows, int n, String side) {
    float[] out = new float[Math.multiplyExact(n, factors)];
    for (Row row : factorRows.collectAsList()) {
      int id = row.getInt(0);
      List<Float> f = row.getList(1);
      if (id < 0 || id >= n || f.size() != factors) {
        throw new IllegalStateException("Spark returned " + side + " " + id + " with " + f.size() + " factors; expected an index below "
            + n + " and " + factors + " factors");
      }
      for (int k = 0; k < factors; k++) out[id * factors + k] = f.get(k);
    }
    return out;
  }

  /** Implicit confidences 1 + alpha r must be at least 1, and every rating must be finite. */
  private void checkValues(InteractionMatrix data) {
    float[] vals = data.values();
    for (int q = 0; q < vals.length; q++) {
      float x = vals[q];
      if (!Float.isFinite(x) || (implicit && x < 0)) {
        int row = 0;
        while (data.rowEnd(row) <= q) row++;
        throw new IllegalArgumentException((implicit ? "implicit ALS needs finite weights >= 0" : "ALS-WR needs finite ratings")
            + ", got " + x + " for user '" + data.rowIds().id(row) + "' and item '" + data.colIds().id(data.colIndex()[q]) + "'");
      }
    }
    if (data.rows() == 0 || data.cols() == 0) throw new IllegalArgumentException("the matrix is empty: nothing to train on");
  }
}
