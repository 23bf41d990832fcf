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
 * Explicit-rating matrix factorization by ALS with weighted-λ regularization (ALS-WR): Zhou,
 * Wilkinson, Schreiber &amp; Pan, "Large-Scale Parallel Collaborative Filtering for the Netflix
 * Prize", AAIM 2008. Minimizes {@code Σ_(u,i) observed (r_ui − x_u·y_i)² + λ(Σ_u n_u ‖x_u‖² + Σ_i
 * n_i ‖y_i‖²)} by exact alternating solves {@code (Y_uᵀY_u + λ n_u I) x_u = Y_uᵀ r_u}, each a small
 * f x f Cholesky. Only the observed ratings enter (the matrix weights are the ratings). Items start
 * with their mean rating as the first factor and small random numbers elsewhere, as in the paper.
 *
 * <p>Cost per iteration: O(nnz · f² / 2 + (users + items) · f³ / 6); memory: the matrix, its
 * transpose and (users + items) · f floats. Parallel over rows and deterministic for a seed at any
 * thread count (each row depends only on the fixed side). Reports train RMSE after each iteration.
 * Keys: {@code alswr.*}; registered name {@code alswr}.
 */
public final class ExplicitAls implements IterativeRecommender {
  private static final Logger log = LoggerFactory.getLogger(ExplicitAls.class);
  public static final String NAME = "alswr";

  private final int factors;
  private final int iterations;
  private final float regularization;

  /** Reads and validates {@code alswr.factors} (at most 256), {@code alswr.iterations}, {@code alswr.regularization} (> 0). */
  public ExplicitAls(Config config) {
    this.factors = Params.intIn(config, "alswr.factors", 1, 256);
    this.iterations = Params.intIn(config, "alswr.iterations", 1, 10_000);
    this.regularization = (float) Params.doubleIn(config, "alswr.regularization", 1e-9, 1e6);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx) {
    return fit(data, ctx, TrainingListener.NONE);
  }

  /** Fits, telling the listener the train RMSE after every iteration. */
  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx, TrainingListener listener) {
    int f = factors;
    InteractionMatrix t = data.transpose();
    float[] u = new float[Math.multiplyExact(data.rows(), f)];
    float[] v = new float[Math.multiplyExact(data.cols(), f)];
    SplittableRandom rnd = new SplittableRandom(ctx.seed());
    for (int i = 0; i < data.cols(); i++) {
      double sum = 0;
      for (int q = t.rowStart(i); q < t.rowEnd(i); q++) sum += t.values()[q];
      v[i * f] = t.rowLength(i) == 0 ? 0f : (float) (sum / t.rowLength(i));
      for (int k = 1; k < f; k++) v[i * f + k] = (float) ((rnd.nextDouble() - 0.5) * 0.02);
    }
    // a row costs n f^2 / 2 for its Gram plus f^3 / 6 for the solve: about f / 3 non-zeros
    int[] userChunks = WorkerPool.chunks(data.rowPointers(), data.rows(), Math.max(1, f / 3));
    int[] itemChunks = WorkerPool.chunks(t.rowPointers(), data.cols(), Math.max(1, f / 3));
    try (WorkerPool pool = new WorkerPool(ctx.threads(), NAME)) {
      for (int it = 1; it <= iterations; it++) {
        long t0 = System.nanoTime();
        halfStep(data, u, v, userChunks, pool);
        halfStep(t, v, u, itemChunks, pool);
        double sec = (System.nanoTime() - t0) / 1e9;
        double rmse = rmse(data, u, v, f, userChunks, pool);
        log.info("alswr: iteration {}/{} ({}%) in {} s, train RMSE {}", it, iterations, 100 * it / iterations,
            String.format("%.3f", sec), String.format("%.4f", rmse));
        listener.iteration(it, iterations, sec, rmse);
      }
    }
    return new FactorModel(NAME, f, u, v, null, Float.NaN, Float.NaN);
  }

  private void halfStep(InteractionMatrix m, float[] x, float[] y, int[] chunks, WorkerPool pool) {
    int f = factors;
    int[] ptr = m.rowPointers();
    int[] cols = m.colIndex();
    float[] vals = m.values();
    pool.forChunks(chunks, () -> new Scratch(f), (s, chunk, from, to) -> {
      for (int r = from; r < to; r++) solveRow(s, x, r, y, cols, vals, ptr[r], ptr[r + 1]);
    });
  }

  /** Per-worker buffers: the float Gram accumulator and the double system. */
  private static final class Scratch {
    final float[] gram;
    final double[] a;
    final double[] b;

    Scratch(int f) {
      gram = new float[f * f];
      a = new double[f * f];
      b = new double[f];
    }
  }

  private void solveRow(Scratch s, float[] x, int row, float[] y, int[] cols, float[] vals, int start, int end) {
    int f = factors;
    int xo = row * f;
    int n = end - start;
    if (n == 0) {
      java.util.Arrays.fill(x, xo, xo + f, 0f);
      return;
    }
    java.util.Arrays.fill(s.gram, 0f);
    java.util.Arrays.fill(s.b, 0);
    for (int q = start; q < end; q++) {
      int yo = cols[q] * f;
      float r = vals[q];
      for (int p = 0; p < f; p++) {
        float yp = y[yo + p];
        // lower triangle only: row p gets columns 0..p
        MfKernels.axpy(s.gram, p * f, yp, y, yo, p + 1);
        s.b[p] += (double) r * yp;
      }
    }
    double ridge = (double) regularization * n;
    for (int p = 0; p < f; p++) {
      for (int q = 0; q <= p; q++) s.a[p * f + q] = s.gram[p * f + q];
      s.a[p * f + p] += ridge;
    }
    if (!Cholesky.solve(s.a, f, s.b)) throw new IllegalStateException("ALS-WR system of row " + row + " is not positive definite");
    for (int p = 0; p < f; p++) x[xo + p] = (float) s.b[p];
  }

  /** Root mean squared error of {@code u_r · v_c} against the matrix weights (the ratings). */
  public static double rmse(FactorModel model, InteractionMatrix ratings) {
    if (model.numUsers() != ratings.rows() || model.numItems() != ratings.cols()) {
      throw new IllegalArgumentException("model is " + model.numUsers() + " x " + model.numItems()
          + " but the ratings are " + ratings.rows() + " x " + ratings.cols());
    }
    int[] chunks = WorkerPool.chunks(ratings.rowPointers(), ratings.rows(), 0);
    try (WorkerPool pool = new WorkerPool(1, NAME)) {
      return rmse(ratings, model.userFactors(), model.itemFactors(), model.factors(), chunks, pool);
    }
  }

  private static double rmse(InteractionMatrix m, float[] u, float[] v, int f, int[] chunks, WorkerPool pool) {
    if (m.nnz() == 0) return 0;
    double[] partial = new double[chunks.length - 1];
    int[] cols = m.colIndex();
    float[] vals = m.values();
    pool.forChunks(chunks, () -> null, (s, chunk, from, to) -> {
      double sum = 0;
      for (int r = from; r < to; r++) {
        for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
          double e = vals[q] - MfKernels.dot(u, r * f, v, cols[q] * f, f);
          sum += e * e;
        }
      }
      partial[chunk] = sum;
    });
    double sum = 0;
    for (double p : partial) sum += p;
    return Math.sqrt(sum / m.nnz());
  }

  @Override
  public FactorModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return FactorModel.read(in, data, NAME);
  }
}
