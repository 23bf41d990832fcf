package io.shopsense.recommend.mf;

/**
 * The Gram matrix {@code YᵀY} (f x f) of a row-major factor array, or the weighted {@code YᵀSY}
 * ({@code S} diagonal, one weight per row of Y: item-weighted missing data in implicit ALS). Rows are summed in blocks that
 * depend only on the row count (float within a block, where the axpy kernel runs as SIMD; double
 * across blocks, in block order), so the result does not depend on the thread count. O(rows f^2).
 */
final class Gram {
  /** At most this many partial sums, so the scratch stays small even at f = 256. */
  static final int MAX_BLOCKS = 64;

  private Gram() {}

  /** {@code YᵀY} in double, full square. {@code pool} may be null (single thread). */
  static double[] compute(float[] y, int rows, int f, WorkerPool pool) {
    return compute(y, null, rows, f, pool);
  }

  /** {@code YᵀSY} with {@code S = diag(weights)}; null weights give {@code YᵀY} exactly as {@link #compute(float[], int, int, WorkerPool)}. */
  static double[] compute(float[] y, float[] weights, int rows, int f, WorkerPool pool) {
    int blockRows = Math.max(512, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
    int blocks = (rows + blockRows - 1) / blockRows;
    float[][] partial = new float[blocks][];
    int[] bounds = new int[blocks + 1];
    for (int b = 0; b <= blocks; b++) bounds[b] = b;
    WorkerPool.ChunkBody<Void> body = (s, chunk, from, to) -> {
      for (int b = from; b < to; b++) partial[b] = block(y, weights, b * blockRows, Math.min(rows, (b + 1) * blockRows), f);
    };
    if (pool == null) body.run(null, 0, 0, blocks);
    else pool.forChunks(bounds, () -> null, body);
    double[] g = new double[f * f];
    for (float[] p : partial) {
      for (int k = 0; k < g.length; k++) g[k] += p[k];
    }
    return g;
  }

  /** The Gram matrix plus {@code lambda} on the diagonal, as floats for the CG kernels. */
  static float[] withRidge(double[] g, int f, double lambda) {
    float[] out = new float[f * f];
    for (int k = 0; k < out.length; k++) out[k] = (float) g[k];
    for (int a = 0; a < f; a++) out[a * f + a] = (float) (g[a * f + a] + lambda);
    return out;
  }

  private static float[] block(float[] y, float[] weights, int from, int to, int f) {
    float[] g = new float[f * f];
    for (int r = from; r < to; r++) {
      int ro = r * f;
      if (weights == null) {
        for (int a = 0; a < f; a++) {
          float ya = y[ro + a];
          if (ya != 0f) MfKernels.axpy(g, a * f, ya, y, ro, f);
        }
      } else {
        float w = weights[r];
        if (w == 0f) continue;
        for (int a = 0; a < f; a++) {
          float ya = w * y[ro + a];
          if (ya != 0f) MfKernels.axpy(g, a * f, ya, y, ro, f);
        }
      }
    }
    return g;
  }
}
