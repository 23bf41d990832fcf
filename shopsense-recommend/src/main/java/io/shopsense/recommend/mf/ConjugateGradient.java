package io.shopsense.recommend.mf;

/**
 * The implicit-ALS row update by a few conjugate-gradient steps (Takács, Pilászy &amp; Tikk 2011),
 * warm-started from the rows' current factors. For each row it solves {@code (YᵀY + λI + Yᵀ(C_u −
 * I)Y) x = YᵀC_u p_u} without forming the matrix: each product with it costs one dot and one axpy
 * per non-zero plus one f x f product with the precomputed {@code YᵀY + λI}, so a row costs
 * O((steps + 1)(n_u f + f^2)) instead of Cholesky's O(n_u f^2 + f^3).
 *
 * <p>Rows are solved {@value #BLOCK} at a time in lockstep, and each pass over their non-zeros is
 * tiled by column: all rows of the block first use the y-rows of columns [0, T), then [T, 2T), and
 * so on. The y-rows of a tile stay in cache while the block's rows share them, which matters for
 * long rows (popular items) whose y-rows would otherwise be fetched from memory again on each of
 * the steps + 1 passes; callers order rows longest first so long rows share blocks ({@link
 * RowOrder}). On the MovieLens-20M shape this cut the item half-step's CPU time by about a third. Every row still sees its non-zeros in order and the same arithmetic, so the
 * result is bit-identical to solving the rows one by one. Holds per-worker scratch, so the inner
 * loops never allocate; not thread-safe (one instance per worker).
 *
 * <p>Item-weighted missing data (He et al., SIGIR 2016; see {@link ImplicitAls}) fits the same
 * kernel: the unobserved weight s moves the observed pair's base confidence from 1 to s, and either
 * weighs the Gram matrix per column ({@code YᵀSY}, precomputed by the caller: {@code colWeight}) or
 * scales it per row ({@code s_row · XᵀX}: {@code rowScale}). With both null the arithmetic is the
 * unweighted one, bit for bit.
 */
final class ConjugateGradient {
  static final int BLOCK = 64;
  private static final float EPS = 1e-20f;
  /** Bytes of y-rows per column tile: a quarter of a typical 1 MB L2 cache. */
  private static final int TILE_BYTES = 256 * 1024;

  private final int f;
  private final int block;
  private final int tile;
  private final float[] r;
  private final float[] p;
  private final float[] ap;
  private final float[] rsOld;
  private final int[] rows;
  private final int[] cursor;
  private final boolean[] active;

  ConjugateGradient(int f) {
    this(f, BLOCK, TILE_BYTES);
  }

  ConjugateGradient(int f, int block, int tileBytes) {
    this.f = f;
    this.block = block;
    this.tile = Math.max(16, tileBytes / (4 * f));
    this.r = new float[block * f];
    this.p = new float[block * f];
    this.ap = new float[block * f];
    this.rsOld = new float[block];
    this.rows = new int[block];
    this.cursor = new int[block];
    this.active = new boolean[block];
  }

  /**
   * Updates the rows {@code order[from, to)} of x in place (rows of similar length should be
   * neighbours in the order, so that blocks of long rows share their column tiles).
   *
   * @param gram {@code YᵀY + λI}, row-major f x f
   * @param ridge per-row ridge added to gram's diagonal (frequency-scaled regularization), or null
   * @param ptr, cols, vals the CSR matrix whose rows are x's rows; confidence is {@code 1 + alpha * weight}
   */
  void solve(float[] x, int[] order, int from, int to, float[] y, float[] gram, int[] ptr, int[] cols, float[] vals,
      float alpha, int steps) {
    solve(x, order, from, to, y, gram, null, ptr, cols, vals, alpha, steps);
  }

  void solve(float[] x, int[] order, int from, int to, float[] y, float[] gram, float[] ridge, int[] ptr, int[] cols,
      float[] vals, float alpha, int steps) {
    solve(x, order, from, to, y, gram, ridge, null, null, ptr, cols, vals, alpha, steps);
  }

  /**
   * As above with item-weighted missing data: the system of row u is {@code (s_u G + ridge_u I +
   * Σ alpha r y yᵀ) x = Σ (c0 + alpha r) y}, where {@code s_u = rowScale[u]} (1 when null) and the
   * base confidence c0 of a non-zero is {@code colWeight[col]} when given, else {@code s_u}.
   *
   * @param rowScale per-row factor on gram (the item half-step's s_i), or null; gram then carries no ridge
   * @param colWeight per-column base confidence (the user half-step's s_i; gram is then {@code YᵀSY}), or null
   */
  void solve(float[] x, int[] order, int from, int to, float[] y, float[] gram, float[] ridge, float[] rowScale,
      float[] colWeight, int[] ptr, int[] cols, float[] vals, float alpha, int steps) {
    for (int b0 = from; b0 < to; b0 += block) {
      int n = Math.min(block, to - b0);
      System.arraycopy(order, b0, rows, 0, n);
      solveBlock(x, n, y, gram, ridge, rowScale, colWeight, ptr, cols, vals, alpha, steps);
    }
  }

  private void solveBlock(float[] x, int n, float[] y, float[] gram, float[] ridge, float[] rowScale, float[] colWeight,
      int[] ptr, int[] cols, float[] vals, float alpha, int steps) {
    for (int b = 0; b < n; b++) {
      int row = rows[b];
      active[b] = ptr[row] < ptr[row + 1];
      // no preference at all: the exact minimizer is zero
      if (!active[b]) java.util.Arrays.fill(x, row * f, (row + 1) * f, 0f);
    }
    // r = YᵀC_u p_u − A x
    pass(true, x, n, y, gram, ridge, rowScale, colWeight, ptr, cols, vals, alpha);
    for (int b = 0; b < n; b++) {
      if (!active[b]) continue;
      System.arraycopy(r, b * f, p, b * f, f);
      rsOld[b] = MfKernels.dot(r, b * f, r, b * f, f);
      active[b] = rsOld[b] > EPS;
    }
    for (int step = 0; step < steps; step++) {
      // ap = A p
      if (!pass(false, x, n, y, gram, ridge, rowScale, colWeight, ptr, cols, vals, alpha)) return;
      for (int b = 0; b < n; b++) {
        if (!active[b]) continue;
        int o = b * f;
        float pap = MfKernels.dot(p, o, ap, o, f);
        if (!(pap > 0)) { // numerically converged (or degenerate): keep x
          active[b] = false;
          continue;
        }
        float a = rsOld[b] / pap;
        MfKernels.axpy(x, rows[b] * f, a, p, o, f);
        MfKernels.axpy(r, o, -a, ap, o, f);
        float rsNew = MfKernels.dot(r, o, r, o, f);
        float beta = rsNew / rsOld[b];
        for (int k = 0; k < f; k++) p[o + k] = r[o + k] + beta * p[o + k];
        rsOld[b] = rsNew;
        active[b] = rsNew > EPS;
      }
    }
  }

  /**
   * One pass over the active rows' non-zeros, tiled by column. With {@code residual} it computes
   * {@code r = YᵀC_u p_u − A x}, otherwise {@code ap = A p}. Returns false when no row is active.
   */
  private boolean pass(boolean residual, float[] x, int n, float[] y, float[] gram, float[] ridge, float[] rowScale,
      float[] colWeight, int[] ptr, int[] cols, float[] vals, float alpha) {
    boolean any = false;
    for (int b = 0; b < n; b++) {
      if (!active[b]) continue;
      any = true;
      cursor[b] = ptr[rows[b]];
      if (residual) {
        MfKernels.symMatVec(gram, x, rows[b] * f, r, b * f, f);
        if (rowScale != null) scale(r, b * f, rowScale[rows[b]]);
        if (ridge != null) MfKernels.axpy(r, b * f, ridge[rows[b]], x, rows[b] * f, f);
        for (int k = b * f; k < (b + 1) * f; k++) r[k] = -r[k];
      } else {
        MfKernels.symMatVec(gram, p, b * f, ap, b * f, f);
        if (rowScale != null) scale(ap, b * f, rowScale[rows[b]]);
        if (ridge != null) MfKernels.axpy(ap, b * f, ridge[rows[b]], p, b * f, f);
      }
    }
    if (!any) return false;
    for (int tileEnd = tile; ; tileEnd += tile) {
      boolean more = false;
      for (int b = 0; b < n; b++) {
        if (!active[b]) continue;
        int q = cursor[b];
        int end = ptr[rows[b] + 1];
        int o = b * f;
        if (residual && colWeight != null) {
          int xo = rows[b] * f;
          for (; q < end && cols[q] < tileEnd; q++) {
            int yo = cols[q] * f;
            float c1 = alpha * vals[q];
            float d = MfKernels.dot(y, yo, x, xo, f);
            MfKernels.axpy(r, o, (colWeight[cols[q]] + c1) - c1 * d, y, yo, f);
          }
        } else if (residual) {
          int xo = rows[b] * f;
          float c0 = rowScale == null ? 1f : rowScale[rows[b]];
          for (; q < end && cols[q] < tileEnd; q++) {
            int yo = cols[q] * f;
            float c1 = alpha * vals[q];
            float d = MfKernels.dot(y, yo, x, xo, f);
            MfKernels.axpy(r, o, (c0 + c1) - c1 * d, y, yo, f);
          }
        } else {
          for (; q < end && cols[q] < tileEnd; q++) {
            int yo = cols[q] * f;
            MfKernels.axpy(ap, o, alpha * vals[q] * MfKernels.dot(y, yo, p, o, f), y, yo, f);
          }
        }
        cursor[b] = q;
        more |= q < end;
      }
      if (!more) return true;
    }
  }

  private void scale(float[] a, int o, float s) {
    for (int k = o; k < o + f; k++) a[k] *= s;
  }
}
