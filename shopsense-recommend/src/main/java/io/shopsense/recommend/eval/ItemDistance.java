package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.InteractionMatrix;

/** A distance between two items (by index), in [0, 1] for the built-in ones; used for diversity. */
@FunctionalInterface
public interface ItemDistance {
  double distance(int a, int b);

  /**
   * 1 - cosine similarity of two item rows of an items x users matrix (the transpose of the training
   * matrix). Two items without interactions are at distance 1. O(|users(a)| + |users(b)|) per pair.
   */
  static ItemDistance cosine(InteractionMatrix itemsByUsers) {
    int n = itemsByUsers.rows();
    double[] norm = new double[n];
    float[] v = itemsByUsers.values();
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int p = itemsByUsers.rowStart(i); p < itemsByUsers.rowEnd(i); p++) s += (double) v[p] * v[p];
      norm[i] = Math.sqrt(s);
    }
    int[] col = itemsByUsers.colIndex();
    return (a, b) -> {
      if (a == b) return 0;
      if (norm[a] == 0 || norm[b] == 0) return 1;
      double dot = 0;
      int p = itemsByUsers.rowStart(a), pe = itemsByUsers.rowEnd(a);
      int q = itemsByUsers.rowStart(b), qe = itemsByUsers.rowEnd(b);
      while (p < pe && q < qe) {
        if (col[p] < col[q]) p++;
        else if (col[p] > col[q]) q++;
        else dot += (double) v[p++] * v[q++];
      }
      return 1 - dot / (norm[a] * norm[b]);
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
