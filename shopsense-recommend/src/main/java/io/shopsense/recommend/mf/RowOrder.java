package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Arrays;

/**
 * The rows of a matrix longest first, cut into chunks of about equal cost for the worker pool.
 *
 * @param rows row indices, longest row first (ties by index, so the order is deterministic)
 * @param chunks chunk boundaries into {@code rows} ({@link WorkerPool#CHUNKS} chunks or fewer)
 */
record RowOrder(int[] rows, int[] chunks) {
  /** @param rowCost the cost of a row beyond its non-zeros, in non-zeros */
  static RowOrder byLength(InteractionMatrix m, long rowCost) {
    int n = m.rows();
    long[] keyed = new long[n];
    for (int r = 0; r < n; r++) keyed[r] = ((long) (Integer.MAX_VALUE - m.rowLength(r)) << 32) | r;
    Arrays.sort(keyed);
    int[] rows = new int[n];
    int[] cum = new int[n + 1];
    for (int k = 0; k < n; k++) {
      rows[k] = (int) keyed[k];
      cum[k + 1] = cum[k] + m.rowLength(rows[k]);
    }
    return new RowOrder(rows, WorkerPool.chunks(cum, n, rowCost));
  }
}
