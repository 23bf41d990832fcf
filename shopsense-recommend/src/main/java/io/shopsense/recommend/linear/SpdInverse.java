package io.shopsense.recommend.linear;

import io.shopsense.recommend.Parallel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-place inverse of a symmetric positive definite matrix in double precision: blocked Cholesky
 * {@code A = L L^T}, then {@code W = L^-1}, then {@code A^-1 = W^T W} (the LAPACK potrf, trtri,
 * lauum sequence), each about n^3/3 multiply-adds, every step parallel over row or column tiles.
 * Only the lower triangle is read and written; rows are separate arrays so the inner loops are
 * plain same-index axpys that the JIT vectorises. Hand-written because EASE's items x items
 * inverse is its whole cost and the pure-Java libraries run it on one thread (see
 * docs/benchmarks.md, "kNN and EASE", for the comparison with EJML).
 */
public final class SpdInverse {
  private static final Logger LOG = LoggerFactory.getLogger(SpdInverse.class);
  private static final int NB = 64; // panel / row-block height
  private static final int TILE = 256; // column tile width (doubles)

  private SpdInverse() {}

  /**
   * Replaces the lower triangle of {@code a} (n arrays of at least n doubles) with the lower
   * triangle of its inverse. The strict upper triangle is left as it was.
   *
   * @throws ArithmeticException when the matrix is not positive definite (names the row)
   */
  public static void invertLower(double[][] a, int threads, String label) {
    long t0 = System.nanoTime();
    cholesky(a, threads);
    progress(label, 33, t0);
    invertTriangle(a, threads);
    progress(label, 67, t0);
    multiplyTransposed(a, threads);
    progress(label, 100, t0);
  }

  /** Lower Cholesky factor in place, right-looking by panels of NB columns. */
  static void cholesky(double[][] a, int threads) {
    int n = a.length;
    double[][] panelT = new double[NB][];
    for (int k0 = 0; k0 < n; k0 += NB) {
      final int b = Math.min(NB, n - k0), kk0 = k0, k1 = k0 + b;
      // diagonal block, unblocked
      for (int j = k0; j < k1; j++) {
        double[] rj = a[j];
        double d = rj[j];
        for (int p = k0; p < j; p++) d -= rj[p] * rj[p];
        if (!(d > 0)) throw new ArithmeticException("matrix is not positive definite (pivot " + d + " at row " + j + ")");
        rj[j] = Math.sqrt(d);
        for (int i = j + 1; i < k1; i++) {
          double[] ri = a[i];
          double s = ri[j];
          for (int p = k0; p < j; p++) s -= ri[p] * rj[p];
          ri[j] = s / rj[j];
        }
      }
      if (k1 == n) break;
      // panel below: each row solves against the diagonal block
      Parallel.forEach(n - k1, threads, 64, () -> null, (st, t) -> {
        double[] ri = a[k1 + t];
        for (int j = kk0; j < k1; j++) {
          double[] rj = a[j];
          double s = ri[j];
          for (int p = kk0; p < j; p++) s -= ri[p] * rj[p];
          ri[j] = s / rj[j];
        }
      }, null);
      // trailing update A22 -= L21 L21^T (lower part), against the panel stored transposed
      for (int p = 0; p < b; p++) {
        double[] row = panelT[p] == null || panelT[p].length < n ? (panelT[p] = new double[n]) : panelT[p];
        for (int j = k1; j < n; j++) row[j] = a[j][k0 + p];
      }
      int tiles = (n - k1 + 15) / 16;
      Parallel.forEach(tiles, threads, 1, () -> null, (st, t) -> {
        int i0 = n - 16 * (t + 1) < k1 ? k1 : n - 16 * (t + 1); // bottom tiles (longest rows) first
        int i1 = n - 16 * t;
        for (int j0 = k1; j0 < i1; j0 += TILE) {
          for (int i = Math.max(i0, j0); i < i1; i++) {
            double[] ri = a[i];
            int j1 = Math.min(j0 + TILE, i + 1);
            for (int p = 0; p < b; p++) {
              double s = ri[kk0 + p];
              if (s != 0) axpy(ri, -s, panelT[p], j0, j1);
            }
          }
        }
      }, null);
    }
  }

  /** W = L^-1 in place, by row blocks; within a block, parallel over column tiles. */
  static void invertTriangle(double[][] a, int threads) {
    int n = a.length;
    for (int i0 = 0; i0 < n; i0 += NB) {
      final int ii0 = i0, i1 = Math.min(n, i0 + NB), b = i1 - i0;
      double[][] buf = new double[b][];
      for (int r = 0; r < b; r++) buf[r] = new double[i0 + r + 1];
      int tiles = (i1 + TILE - 1) / TILE;
      Parallel.forEach(tiles, threads, 1, () -> null, (st, t) -> {
        int j0 = t * TILE, j1 = Math.min(i1, j0 + TILE);
        // contributions of the finished rows p < i0: buf[i][j] = sum_p L[i][p] W[p][j], j <= p
        for (int p0 = j0; p0 < ii0; p0 += NB) {
          int p1 = Math.min(ii0, p0 + NB);
          for (int r = 0; r < b; r++) {
            double[] li = a[ii0 + r];
            double[] out = buf[r];
            for (int p = p0; p < p1; p++) {
              double s = li[p];
              if (s != 0) axpy(out, s, a[p], j0, Math.min(j1, p + 1));
            }
          }
        }
        // forward substitution inside the block, row by row
        for (int r = 0; r < b; r++) {
          int i = ii0 + r;
          double[] li = a[i];
          double[] out = buf[r];
          int je = Math.min(j1, i + 1);
          if (j0 >= je) continue;
          for (int j = j0; j < je; j++) out[j] = -out[j];
          if (i >= j0 && i < je) out[i] += 1;
          for (int q = 0; q < r; q++) {
            int p = ii0 + q;
            double s = li[p];
            if (s != 0) axpy(out, -s, buf[q], j0, Math.min(je, p + 1));
          }
          double inv = 1 / li[i];
          for (int j = j0; j < je; j++) out[j] *= inv;
        }
      }, null);
      for (int r = 0; r < b; r++) System.arraycopy(buf[r], 0, a[i0 + r], 0, i0 + r + 1);
    }
  }

  /** A^-1 = W^T W in place (lower part), by row blocks in increasing order. */
  static void multiplyTransposed(double[][] a, int threads) {
    int n = a.length;
    for (int i0 = 0; i0 < n; i0 += NB) {
      final int ii0 = i0, i1 = Math.min(n, i0 + NB), b = i1 - i0;
      double[][] buf = new double[b][];
      for (int r = 0; r < b; r++) buf[r] = new double[i0 + r + 1];
      int tiles = (i1 + TILE - 1) / TILE;
      Parallel.forEach(tiles, threads, 1, () -> null, (st, t) -> {
        int j0 = t * TILE, j1 = Math.min(i1, j0 + TILE);
        // buf[i][j] = sum_{p >= i} W[p][i] W[p][j], j <= i
        for (int p0 = ii0; p0 < n; p0 += NB) {
          int p1 = Math.min(n, p0 + NB);
          for (int r = 0; r < b; r++) {
            int i = ii0 + r;
            int je = Math.min(j1, i + 1);
            if (j0 >= je) continue;
            double[] out = buf[r];
            for (int p = Math.max(p0, i); p < p1; p++) {
              double[] wp = a[p];
              double s = wp[i];
              if (s != 0) axpy(out, s, wp, j0, je);
            }
          }
        }
      }, null);
      for (int r = 0; r < b; r++) System.arraycopy(buf[r], 0, a[i0 + r], 0, i0 + r + 1);
    }
  }

  private static void progress(String label, int percent, long t0) {
    if (label != null && System.nanoTime() - t0 > 2_000_000_000L) LOG.info("{}: {}% ({} s)", label, percent, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
  }

  /** c[j] += s * x[j] for j in [j0, j1): the one inner loop; a plain counted loop the JIT vectorises. */
  private static void axpy(double[] c, double s, double[] x, int j0, int j1) {
    for (int j = j0; j < j1; j++) c[j] += s * x[j];
  }
}
