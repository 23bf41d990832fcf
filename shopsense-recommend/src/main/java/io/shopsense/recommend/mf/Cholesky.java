package io.shopsense.recommend.mf;

/**
 * In-place Cholesky factorization and solve of a small symmetric positive-definite system
 * {@code A x = b}, in double precision. Hand-written because the systems are tiny (f x f, f at
 * most a few hundred) and solved once per user or item: a library call's setup and copying would
 * cost as much as the O(f^3 / 6) arithmetic. Only the lower triangle of {@code a} is read.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Solves {@code A x = b}, overwriting the lower triangle of {@code a} (row-major n x n) with
   * its factor and {@code b} with {@code x}.
   *
   * @return false when the matrix is not positive definite (b is then unspecified)
   */
  public static boolean solve(double[] a, int n, double[] b) {
    for (int j = 0; j < n; j++) {
      int jr = j * n;
      double d = a[jr + j];
      for (int k = 0; k < j; k++) d -= a[jr + k] * a[jr + k];
      if (!(d > 0)) return false;
      double l = Math.sqrt(d);
      a[jr + j] = l;
      double inv = 1.0 / l;
      for (int i = j + 1; i < n; i++) {
        int ir = i * n;
        double s = a[ir + j];
        for (int k = 0; k < j; k++) s -= a[ir + k] * a[jr + k];
        a[ir + j] = s * inv;
      }
    }
    // forward: L y = b
    for (int i = 0; i < n; i++) {
      int ir = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) s -= a[ir + k] * b[k];
      b[i] = s / a[ir + i];
    }
    // backward: L^T x = y
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
      b[i] = s / a[i * n + i];
    }
    return true;
  }
}
