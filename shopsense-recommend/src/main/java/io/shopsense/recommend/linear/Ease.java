package io.shopsense.recommend.linear;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.Parallel;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.knn.CoOccurrence;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): the closed-form
 * item-item model {@code B = argmin ||X - XB||^2 + λ||B||^2} subject to {@code diag(B) = 0}, which is
 * {@code P = (X^T X + λI)^-1}, {@code B_ij = -P_ij / P_jj} (i ≠ j), {@code B_jj = 0}; a user's scores
 * are {@code x_u B}. λ is {@code ease.lambda}. With {@code ease.binary=true} (the paper's setting) X
 * is the 0/1 pattern of the interaction matrix, so λ means the same whatever the event weights;
 * otherwise X holds the weights and λ scales with their square.
 * Fit: the Gram matrix in O(sum over users of |row|^2), then a dense double inverse in O(items^3)
 * ({@link SpdInverse}, parallel); memory about 12 bytes x items^2 at fit, 4 bytes x items^2 kept.
 * Refuses more than {@code ease.max_items} items, or more than the heap can hold. Score O(|row| x items).
 */
public final class Ease implements Recommender {
  public static final String NAME = "ease";
  private final double lambda;
  private final int maxItems;
  private final boolean binary;

  public Ease(Config config) {
    this.lambda = Params.doubleIn(config, "ease.lambda", 0, 1e12);
    this.maxItems = Params.intIn(config, "ease.max_items", 1, 46_000); // 46,000^2 is the largest Java array
    this.binary = config.getBoolean("ease.binary");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EaseModel fit(InteractionMatrix data, TrainContext ctx) {
    int n = data.cols();
    if (n > maxItems) {
      throw new IllegalArgumentException("ease: " + n + " items exceed ease.max_items=" + maxItems
          + " (EASE holds an items x items matrix); raise ease.max_items or use itemknn");
    }
    long need = 12L * n * n;
    long heap = Runtime.getRuntime().maxMemory();
    if (need > heap * 9 / 10) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "ease: %d items need about %d MB of heap but at most %d MB is available; raise -Xmx or lower the item count",
          n, need >> 20, heap >> 20));
    }
    double[][] g = gram(binary ? EaseModel.ones(data) : data, lambda, ctx.threads());
    try {
      SpdInverse.invertLower(g, ctx.threads(), "ease inverse");
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("ease: X^T X + λI is not positive definite with ease.lambda=" + lambda
          + " (an item has no interactions and λ is 0?); use ease.lambda > 0", e);
    }
    return new EaseModel(weights(g, ctx.threads()), data, binary);
  }

  /**
   * The lower triangle of X^T X + λI (row i holds columns 0..n-1, only 0..i filled), one
   * co-occurrence pass per item, parallel over items. Public for the benchmarks.
   */
  public static double[][] gram(InteractionMatrix data, double lambda, int threads) {
    int n = data.cols();
    double[][] g = new double[n][];
    CoOccurrence co = new CoOccurrence(data.transpose());
    Parallel.forEach(n, threads, 16, () -> null, (s, i) -> {
      double[] row = new double[n];
      co.dots(i, row, null); // the whole row; the inverse reads only columns <= i
      row[i] += lambda;
      g[i] = row;
    }, "ease gram");
    return g;
  }

  /** B_ij = -P_ij / P_jj off the diagonal, 0 on it, from the lower triangle of P; row-major floats. */
  static float[] weights(double[][] p, int threads) {
    int n = p.length;
    float[] b = new float[n * n];
    final int t = 64;
    int tiles = (n + t - 1) / t;
    Parallel.forEach(tiles, threads, 1, () -> null, (st, bi) -> {
      int i0 = bi * t, i1 = Math.min(n, i0 + t);
      for (int j0 = 0; j0 < n; j0 += t) { // tiles keep the transposed reads of the upper part in cache
        int j1 = Math.min(n, j0 + t);
        for (int i = i0; i < i1; i++) {
          double[] pi = p[i];
          int off = i * n;
          for (int j = j0; j < j1; j++) {
            double pij = j <= i ? pi[j] : p[j][i];
            b[off + j] = i == j ? 0f : (float) (-pij / p[j][j]);
          }
        }
      }
    }, null);
    return b;
  }

  @Override
  public EaseModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return EaseModel.read(in, data);
  }
}
