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

  /**
   * Reads and validates {@code als.factors, als.iterations, als.regularization, als.alpha, als.cg_steps,
   * als.regularization_exponent, als.init_stddev}.
   */
  public ImplicitAls(Config config) {
    this.factors = Params.intIn(config, "als.factors", 1, 1024);
    this.iterations = Params.intIn(config, "als.iterations", 1, 10_000);
    this.regularization = (float) Params.doubleIn(config, "als.regularization", 0, 1e6);
    this.alpha = (float) Params.doubleIn(config, "als.alpha", 0, 1e6);
    this.cgSteps = Params.intIn(config, "als.cg_steps", 1, 1024);
    this.exponent = Params.doubleIn(config, "als.regularization_exponent", 0, 2);
    this.initStddev = Params.doubleIn(config, "als.init_stddev", 0, 10);
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
    float[] userRidge = rowRidges(data);
    float[] itemRidge = rowRidges(t);
    try (WorkerPool pool = new WorkerPool(ctx.threads(), "als")) {
      for (int it = 1; it <= iterations; it++) {
        long t0 = System.nanoTime();
        halfStep(data, u, v, users, userRidge, pool);
        long t1 = System.nanoTime();
        halfStep(t, v, u, items, itemRidge, pool);
        double sec = (System.nanoTime() - t0) / 1e9;
        log.info("als: iteration {}/{} ({}%) in {} s (users {} s, items {} s)", it, iterations, 100 * it / iterations,
            String.format("%.3f", sec), String.format("%.3f", (t1 - t0) / 1e9), String.format("%.3f", (System.nanoTime() - t1) / 1e9));
        listener.iteration(it, iterations, sec, Double.NaN);
      }
    }
    return new FactorModel(NAME, f, u, v, null, alpha, userRidge == null ? regularization : median(userRidge));
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
    float[] ridge = new float[m.rows()];
    float[] vals = m.values();
    for (int row = 0; row < ridge.length; row++) {
      double sum = 0;
      for (int q = m.rowStart(row); q < m.rowEnd(row); q++) sum += vals[q];
      ridge[row] = (float) (regularization * Math.pow(m.cols() + (double) alpha * sum, exponent));
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
