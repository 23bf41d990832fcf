package io.shopsense.recommend.mf;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.TrainContext;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implicit-feedback matrix factorization by alternating least squares: Hu, Koren &amp; Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008. A weight r becomes a
 * preference p = 1 with confidence {@code c = 1 + alpha * r}; missing entries are p = 0, c = 1.
 * Each half-iteration fixes one side and minimizes {@code Σ c (p − x·y)² + λ(‖x‖² + ‖y‖²)} over the
 * other, row by row, with a few conjugate-gradient steps warm-started from the previous factors
 * (Takács, Pilászy &amp; Tikk, "Applications of the Conjugate Gradient Method for Implicit Feedback
 * Collaborative Filtering", RecSys 2011), after precomputing {@code YᵀY} once per half-iteration.
 *
 * <p>Cost per iteration: O(nnz · f · (cg_steps + 1) + (users + items) · f² · (cg_steps + 1)); memory:
 * the matrix and its transpose plus (users + items) · f floats. Rows are solved in parallel on
 * {@link TrainContext#threads()} workers; every row depends only on the other side's factors, so
 * the factors are bit-identical for a seed whatever the thread count. Keys: {@code als.*}.
 *
 * <p>Frequency-scaled regularization ({@code als.regularization_exponent} ν &gt; 0): each row's
 * ridge is {@code λ · w^ν}, where w is the row's total confidence over all columns, {@code n_cols +
 * alpha · Σ r}, following Rendle, Krichene, Zhang &amp; Koren, "Revisiting the Performance of iALS on
 * Item Recommendation Benchmarks", RecSys 2022 (their {@code λ (|I_u| + α0 |I|)^ν} written in Hu et
 * al.'s confidence form; ν = 1 weighs the ridge like the data term, as ALS-WR does for ratings). The
 * Gram matrix then carries no ridge and each row adds its own, at O(f) more per CG product. ν = 0
 * (the default) is the plain uniform ridge of Hu et al. The model file stores one fold-in ridge, so
 * with ν &gt; 0 fold-in uses the median user's.
 *
 * <p>Initialization ({@code als.init_stddev} σ*): 0 (the default) starts every factor uniformly in
 * [0, 0.01), as the reference implementations (e.g. {@code implicit}) do; σ* &gt; 0 draws them
 * from N(0, (σ* / √f)²) as Rendle et al. 2022 do (their NCF ML-1M setting uses σ* = 0.1), which keeps
 * the variance of a random dot product independent of f and the start free of any common direction.
 *
 * <p>Item-weighted missing data ({@code als.unobserved_exponent} β ≠ 0): He, Zhang, Kan &amp; Chua,
 * "Fast Matrix Factorization for Online Recommendation with Implicit Feedback", SIGIR 2016, weigh
 * each unobserved pair by an item weight {@code s_i ∝ f_i^β} (f_i = the item's number of users, its
 * stored non-zeros) instead of Hu et al.'s 1; here {@code s_i = n_items · f_i^β / Σ_j f_j^β}, mean 1,
 * and an item nobody touched gets s = 0 (its factors are zero anyway: no row of its own has data).
 * β &gt; 0 pushes popular items down harder as negatives, β &lt; 0 less hard. The loss is {@code
 * Σ_observed c (1 − x·y)² + Σ_unobserved s_i (x·y)² + ridge} with {@code c = s_i + alpha r}, so an
 * observed pair keeps alpha r of confidence above its missing-data weight (β = 0: Hu's 1 + alpha r).
 * The user half-step then uses the weighted Gram {@code YᵀSY} (one per half-step, same cost as YᵀY);
 * the item half-step scales XᵀX by each item's s_i. Nothing else changes in cost. The frequency-scaled
 * ridge uses each row's total weight: {@code Σ_i s_i + alpha Σ r} for a user, {@code s_i · n_users +
 * alpha Σ r} for an item. The weights are stored in the model, so {@link FactorModel#foldInUser} solves
 * the same weighted system. β = 0 (the default) runs the unweighted code path, bit for bit.
 */
public final class ImplicitAls implements IterativeRecommender {
  private static final Logger log = LoggerFactory.getLogger(ImplicitAls.class);
  public static final String NAME = "als";

  private final int factors;
  private final int iterations;
  private final float regularization;
  private final float alpha;
  private final int cgSteps;
  private final double exponent;
  private final double initStddev;
  private final double unobservedExponent;

  /**
   * Reads and validates {@code als.factors, als.iterations, als.regularization, als.alpha, als.cg_steps,
   * als.regularization_exponent, als.init_stddev, als.unobserved_exponent}.
   */
  public ImplicitAls(Config config) {
    this.factors = Params.intIn(config, "als.factors", 1, 1024);
    this.iterations = Params.intIn(config, "als.iterations", 1, 10_000);
    this.regularization = (float) Params.doubleIn(config, "als.regularization", 0, 1e6);
    this.alpha = (float) Params.doubleIn(config, "als.alpha", 0, 1e6);
    this.cgSteps = Params.intIn(config, "als.cg_steps", 1, 1024);
    this.exponent = Params.doubleIn(config, "als.regularization_exponent", 0, 2);
    this.initStddev = Params.doubleIn(config, "als.init_stddev", 0, 10);
    this.unobservedExponent = Params.doubleIn(config, "als.unobserved_exponent", -2, 2);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx) {
    return fit(data, ctx, TrainingListener.NONE);
  }

  /** Fits, telling the listener after every iteration. */
  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx, TrainingListener listener) {
    checkWeights(data);
    int f = factors;
    int nu = data.rows();
    int ni = data.cols();
    InteractionMatrix t = data.transpose();
    float[] u = new float[Math.multiplyExact(nu, f)];
    float[] v = new float[Math.multiplyExact(ni, f)];
    // the first half-step overwrites u, so only v's start shapes the solution
    SplittableRandom rnd = new SplittableRandom(ctx.seed());
    initialize(u, f, rnd);
    initialize(v, f, rnd);
    // rows are solved longest first, so blocks of long rows share cached column tiles
    RowOrder users = RowOrder.byLength(data, f);
    RowOrder items = RowOrder.byLength(t, f);
    float[] s = itemWeights(t);
    float[] userRidge = s == null ? rowRidges(data) : rowRidges(data, null, sum(s));
    float[] itemRidge = s == null ? rowRidges(t) : rowRidges(t, s, data.rows());
    try (WorkerPool pool = new WorkerPool(ctx.threads(), "als")) {
      for (int it = 1; it <= iterations; it++) {
        long t0 = System.nanoTime();
        if (s == null) halfStep(data, u, v, users, userRidge, pool);
        else weightedHalfStep(data, u, v, users, userRidge, null, s, pool);
        long t1 = System.nanoTime();
        if (s == null) halfStep(t, v, u, items, itemRidge, pool);
        else weightedHalfStep(t, v, u, items, itemRidge, s, null, pool);
        double sec = (System.nanoTime() - t0) / 1e9;
        log.info("als: iteration {}/{} ({}%) in {} s (users {} s, items {} s)", it, iterations, 100 * it / iterations,
            String.format("%.3f", sec), String.format("%.3f", (t1 - t0) / 1e9), String.format("%.3f", (System.nanoTime() - t1) / 1e9));
        listener.iteration(it, iterations, sec, Double.NaN);
      }
    }
    return new FactorModel(NAME, f, u, v, null, alpha, userRidge == null ? regularization : median(userRidge), s);
  }

  /**
   * The unobserved weights {@code s_i = n_items · f_i^β / Σ_j f_j^β} (mean 1; 0 for an item without
   * users) from the transposed matrix (rows = items), or null for β = 0 (every s_i = 1, Hu et al.).
   */
  float[] itemWeights(InteractionMatrix t) {
    if (unobservedExponent == 0) return null;
    double[] raw = new double[t.rows()];
    double total = 0;
    for (int i = 0; i < raw.length; i++) {
      int users = t.rowLength(i);
      raw[i] = users == 0 ? 0 : Math.pow(users, unobservedExponent);
      total += raw[i];
    }
    float[] s = new float[raw.length];
    if (total == 0) return s; // no data at all: every row is solved as zero
    for (int i = 0; i < s.length; i++) s[i] = (float) (raw.length * raw[i] / total);
    return s;
  }

  private static double sum(float[] a) {
    double s = 0;
    for (float x : a) s += x;
    return s;
  }

  /** Fills the factors: uniform in [0, 0.01) for σ* = 0, else N(0, (σ* / √f)²). */
  void initialize(float[] x, int f, SplittableRandom rnd) {
    if (initStddev == 0) {
      for (int k = 0; k < x.length; k++) x[k] = (float) (rnd.nextDouble() * 0.01);
    } else {
      double sd = initStddev / Math.sqrt(f);
      for (int k = 0; k < x.length; k++) x[k] = (float) (rnd.nextGaussian() * sd);
    }
  }

  /** Each row's ridge {@code λ · (n_cols + alpha Σ r)^ν}, or null for the uniform ridge (ν = 0). */
  float[] rowRidges(InteractionMatrix m) {
    if (exponent == 0) return null;
    return rowRidges(m, null, m.cols());
  }

  /**
   * Each row's ridge {@code λ · (base_row + alpha Σ r)^ν} (λ alone for ν = 0), where the row's
   * missing-data weight is {@code base_row = scale[row] · cols}, or {@code cols} when scale is null.
   */
  float[] rowRidges(InteractionMatrix m, float[] scale, double cols) {
    float[] ridge = new float[m.rows()];
    float[] vals = m.values();
    for (int row = 0; row < ridge.length; row++) {
      double sum = 0;
      for (int q = m.rowStart(row); q < m.rowEnd(row); q++) sum += vals[q];
      double base = scale == null ? cols : scale[row] * cols;
      ridge[row] = (float) (regularization * Math.pow(base + (double) alpha * sum, exponent));
    }
    return ridge;
  }

  private static float median(float[] a) {
    float[] s = a.clone();
    java.util.Arrays.sort(s);
    return s.length == 0 ? 0f : s[s.length / 2];
  }

  /** Solves every row of x (rows of m) with y fixed; {@code ridge} null means λ for every row. */
  private void halfStep(InteractionMatrix m, float[] x, float[] y, RowOrder order, float[] ridge, WorkerPool pool) {
    int f = factors;
    float[] gram = Gram.withRidge(Gram.compute(y, m.cols(), f, pool), f, ridge == null ? regularization : 0);
    int[] ptr = m.rowPointers();
    int[] cols = m.colIndex();
    float[] vals = m.values();
    pool.forChunks(order.chunks(), () -> new ConjugateGradient(f), (cg, chunk, from, to) -> {
      cg.solve(x, order.rows(), from, to, y, gram, ridge, ptr, cols, vals, alpha, cgSteps);
    });
  }

  /**
   * The half-step with item-weighted missing data: {@code rowScale} (item step: s_i scales XᵀX) or
   * {@code colWeight} (user step: the Gram is YᵀSY); the ridge is always per row, outside the Gram.
   */
  private void weightedHalfStep(InteractionMatrix m, float[] x, float[] y, RowOrder order, float[] ridge,
      float[] rowScale, float[] colWeight, WorkerPool pool) {
    int f = factors;
    float[] gram = Gram.withRidge(Gram.compute(y, colWeight, m.cols(), f, pool), f, 0);
    int[] ptr = m.rowPointers();
    int[] cols = m.colIndex();
    float[] vals = m.values();
    pool.forChunks(order.chunks(), () -> new ConjugateGradient(f), (cg, chunk, from, to) -> {
      cg.solve(x, order.rows(), from, to, y, gram, ridge, rowScale, colWeight, ptr, cols, vals, alpha, cgSteps);
    });
  }

  /** Confidence 1 + alpha r must stay at least 1, so weights must not be negative. */
  static void checkWeights(InteractionMatrix data) {
    float[] vals = data.values();
    for (int q = 0; q < vals.length; q++) {
      if (!(vals[q] >= 0) || Float.isInfinite(vals[q])) {
        int row = 0;
        while (data.rowEnd(row) <= q) row++;
        throw new IllegalArgumentException("implicit ALS needs finite weights >= 0, got " + vals[q] + " for user '"
            + data.rowIds().id(row) + "' and item '" + data.colIds().id(data.colIndex()[q]) + "'");
      }
    }
  }

  @Override
  public FactorModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return FactorModel.read(in, data, NAME);
  }
}
