package io.shopsense.recommend.knn;

import io.shopsense.core.matrix.InteractionMatrix;

/**
 * Sparse co-occurrence of the rows of a matrix A (rows x features): for one row a, the dot product
 * {@code sum_f A[a,f] A[b,f]} and the common-feature count for every row b that shares a feature
 * with a, accumulated densely by walking a's features and, through the transpose, the other rows
 * holding each feature. Two forms: {@link #dots} adds into a dense array the caller scans (no
 * bookkeeping in the inner loop, the fast form when a row touches a good share of all rows), and
 * {@link #row} also lists the touched rows (for rows that touch few of many). Cost for row a: sum over a's features f of |column f|; for all rows,
 * sum over features of |column f|^2. Hand-written because it is the whole cost of kNN and EASE
 * training, and a general sparse-product library would materialise the dense result.
 * Accumulation order is fixed (features ascending, then rows ascending), so a row's result does
 * not depend on which thread computes it. Thread-safe; each thread needs its own {@link Scratch}.
 */
public final class CoOccurrence {
  private final int rows;
  private final int[] aPtr;
  private final int[] aCol;
  private final float[] aVal;
  private final int[] tPtr;
  private final int[] tCol;
  private final float[] tVal;

  public CoOccurrence(InteractionMatrix a) {
    InteractionMatrix t = a.transpose();
    rows = a.rows();
    aPtr = a.rowPointers();
    aCol = a.colIndex();
    aVal = a.values();
    tPtr = t.rowPointers();
    tCol = t.colIndex();
    tVal = t.values();
  }

  public int rows() {
    return rows;
  }

  /** Per-thread accumulators, all zero between calls to {@link #row}. */
  public static final class Scratch {
    /** Dot product with the current row, by row index. */
    public final double[] acc;
    /** Common-feature count with the current row, by row index. */
    public final int[] cnt;
    /** The rows touched by the current row, in first-touch order. */
    public final int[] touched;

    Scratch(int rows) {
      acc = new double[rows];
      cnt = new int[rows];
      touched = new int[rows];
    }

    /** Zeroes what the last {@link #row} call touched. */
    public void clear(int numTouched) {
      for (int t = 0; t < numTouched; t++) {
        int b = touched[t];
        acc[b] = 0;
        cnt[b] = 0;
      }
    }
  }

  /** The inner-loop work of row a: the sum of the lengths of its features' columns. O(|row a|). */
  public long work(int a) {
    long w = 0;
    for (int p = aPtr[a]; p < aPtr[a + 1]; p++) w += tPtr[aCol[p] + 1] - tPtr[aCol[p]];
    return w;
  }

  /**
   * Adds row a's dot product with every row b into {@code acc[b]} (length rows), and when
   * {@code cnt} is not null the common-feature count into {@code cnt[b]}.
   */
  public void dots(int a, double[] acc, int[] cnt) {
    for (int p = aPtr[a], pe = aPtr[a + 1]; p < pe; p++) {
      int f = aCol[p];
      double w = aVal[p];
      int qs = tPtr[f], qe = tPtr[f + 1];
      for (int q = qs; q < qe; q++) acc[tCol[q]] += w * tVal[q];
      if (cnt != null) for (int q = qs; q < qe; q++) cnt[tCol[q]]++;
    }
  }

  public Scratch scratch() {
    return new Scratch(rows);
  }

  /**
   * Accumulates row a against every row (a itself included) into the scratch, which must be clear.
   *
   * @return how many rows were touched; call {@link Scratch#clear} with it when done
   */
  public int row(int a, Scratch s) {
    double[] acc = s.acc;
    int[] cnt = s.cnt;
    int[] touched = s.touched;
    int nt = 0;
    for (int p = aPtr[a], pe = aPtr[a + 1]; p < pe; p++) {
      int f = aCol[p];
      double w = aVal[p];
      for (int q = tPtr[f], qe = tPtr[f + 1]; q < qe; q++) {
        int b = tCol[q];
        if (cnt[b]++ == 0) touched[nt++] = b;
        acc[b] += w * tVal[q];
      }
    }
    return nt;
  }
}
