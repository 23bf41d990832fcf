package io.shopsense.recommend.mf;

/**
 * One row's implicit-ALS update by a few conjugate-gradient steps (Takács, Pilászy &amp; Tikk 2011),
 * warm-started from the row's current factors. It solves {@code (YᵀY + λI + Yᵀ(C_u − I)Y) x =
 * YᵀC_u p_u} without forming the matrix: each product with it costs one dot and one axpy per
 * non-zero plus one f x f product with the precomputed {@code YᵀY + λI}, so a row costs
 * O((steps + 1)(n_u f + f^2)) instead of Cholesky's O(n_u f^2 + f^3). Holds per-worker scratch
 * vectors so the inner loop never allocates; not thread-safe (one instance per worker).
 */
final class ConjugateGradient {
  private static final float EPS = 1e-20f;
  private final int f;
  private final float[] r;
  private final float[] p;
  private final float[] ap;

  ConjugateGradient(int f) {
    this.f = f;
    this.r = new float[f];
    this.p = new float[f];
    this.ap = new float[f];
  }

  /**
   * Updates {@code x[row]} in place.
   *
   * @param gram {@code YᵀY + λI}, row-major f x f
   * @param cols the row's column indices in {@code [start, end)}
   * @param vals the row's weights; confidence is {@code 1 + alpha * weight}
   */
  void solve(float[] x, int row, float[] y, float[] gram, int[] cols, float[] vals, int start, int end,
      float alpha, int steps) {
    int xo = row * f;
    if (start == end) {
      // no preference at all: the exact minimizer is zero
      java.util.Arrays.fill(x, xo, xo + f, 0f);
      return;
    }
    // r = YᵀC_u p_u − A x
    MfKernels.symMatVec(gram, x, xo, r, f);
    for (int k = 0; k < f; k++) r[k] = -r[k];
    for (int q = start; q < end; q++) {
      int yo = cols[q] * f;
      float c1 = alpha * vals[q];
      float d = MfKernels.dot(y, yo, x, xo, f);
      MfKernels.axpy(r, 0, (1f + c1) - c1 * d, y, yo, f);
    }
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = MfKernels.dot(r, 0, r, 0, f);
    for (int step = 0; step < steps && rsOld > EPS; step++) {
      // ap = A p
      MfKernels.symMatVec(gram, p, 0, ap, f);
      for (int q = start; q < end; q++) {
        int yo = cols[q] * f;
        float c1 = alpha * vals[q];
        MfKernels.axpy(ap, 0, c1 * MfKernels.dot(y, yo, p, 0, f), y, yo, f);
      }
      float pap = MfKernels.dot(p, 0, ap, 0, f);
      if (!(pap > 0)) break; // numerically converged (or degenerate): keep x
      float a = rsOld / pap;
      MfKernels.axpy(x, xo, a, p, 0, f);
      MfKernels.axpy(r, 0, -a, ap, 0, f);
      float rsNew = MfKernels.dot(r, 0, r, 0, f);
      float beta = rsNew / rsOld;
      for (int k = 0; k < f; k++) p[k] = r[k] + beta * p[k];
      rsOld = rsNew;
    }
  }
}
