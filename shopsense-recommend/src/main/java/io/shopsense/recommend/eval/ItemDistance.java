package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.InteractionMatrix;

/** A distance between two items (by index), in [0, 1] for the built-in ones; used for diversity. */
@FunctionalInterface
public interface ItemDistance {
  /** Above this many bytes of bitsets, {@link #cosine} merges sparse rows instead. */
  long BITSET_BUDGET_BYTES = 64L << 20;

  double distance(int a, int b);

  /**
   * 1 - cosine similarity of the two items' sets of users (binary, the Ochiai coefficient
   * |U_a ∩ U_b| / sqrt(|U_a| |U_b|)) in an items x users matrix, the transpose of the training
   * matrix. Two items without users are at distance 1. Bitsets with popcount when they fit in
   * {@link #BITSET_BUDGET_BYTES} (O(users / 64) per pair), otherwise a merge of the sorted rows
   * (O(|U_a| + |U_b|)). Hand-written: diversity is computed for every pair of every list.
   */
  static ItemDistance cosine(InteractionMatrix itemsByUsers) {
    return cosine(itemsByUsers, BITSET_BUDGET_BYTES);
  }

  /** {@link #cosine(InteractionMatrix)} with another bitset budget (0 forces the sparse merge). */
  static ItemDistance cosine(InteractionMatrix itemsByUsers, long bitsetBudgetBytes) {
    int n = itemsByUsers.rows();
    int words = (itemsByUsers.cols() + 63) >>> 6;
    int[] col = itemsByUsers.colIndex();
    if ((long) n * words * 8 <= bitsetBudgetBytes) {
      long[] bits = new long[n * words];
      for (int i = 0; i < n; i++) {
        for (int p = itemsByUsers.rowStart(i); p < itemsByUsers.rowEnd(i); p++) {
          bits[i * words + (col[p] >>> 6)] |= 1L << col[p];
        }
      }
      return (a, b) -> {
        if (a == b) return 0;
        int la = itemsByUsers.rowLength(a), lb = itemsByUsers.rowLength(b);
        if (la == 0 || lb == 0) return 1;
        int common = 0;
        for (int w = 0, oa = a * words, ob = b * words; w < words; w++) common += Long.bitCount(bits[oa + w] & bits[ob + w]);
        return 1 - common / Math.sqrt((double) la * lb);
      };
    }
    return (a, b) -> {
      if (a == b) return 0;
      int p = itemsByUsers.rowStart(a), pe = itemsByUsers.rowEnd(a);
      int q = itemsByUsers.rowStart(b), qe = itemsByUsers.rowEnd(b);
      if (p == pe || q == qe) return 1;
      int common = 0;
      while (p < pe && q < qe) {
        if (col[p] < col[q]) p++;
        else if (col[p] > col[q]) q++;
        else {
          common++;
          p++;
          q++;
        }
      }
      return 1 - common / Math.sqrt((double) itemsByUsers.rowLength(a) * itemsByUsers.rowLength(b));
    };
  }

  /** 0 when both items have the same (non-null) category, else 1. */
  static ItemDistance categories(String[] categoryByItem) {
    return (a, b) -> {
      String x = categoryByItem[a];
      return x != null && x.equals(categoryByItem[b]) ? 0 : 1;
    };
  }
}
