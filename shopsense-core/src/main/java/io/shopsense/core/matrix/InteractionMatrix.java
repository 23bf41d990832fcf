package io.shopsense.core.matrix;

import java.util.Arrays;

/**
 * Users x items in compressed sparse row form: {@code rowPtr} (rows + 1), column indices sorted
 * within each row, and float weights. 8 bytes per non-zero plus 4 per row; the transpose (items x
 * users) is built once on demand in O(nnz). Immutable once built.
 */
public final class InteractionMatrix {
  private final IdIndex users;
  private final IdIndex items;
  private final int[] rowPtr;
  private final int[] cols;
  private final float[] values;
  private volatile InteractionMatrix transposed;

  /**
   * Wraps CSR arrays (not copied). Columns within each row must be sorted and unique.
   *
   * @param users row ids; its size is the row count
   * @param items column ids; its size is the column count
   */
  public InteractionMatrix(IdIndex users, IdIndex items, int[] rowPtr, int[] cols, float[] values) {
    if (rowPtr.length != users.size() + 1) {
      throw new IllegalArgumentException("rowPtr length " + rowPtr.length + " != rows + 1 = " + (users.size() + 1));
    }
    if (cols.length != values.length || rowPtr[users.size()] != cols.length) {
      throw new IllegalArgumentException("cols, values and rowPtr disagree on nnz");
    }
    this.users = users;
    this.items = items;
    this.rowPtr = rowPtr;
    this.cols = cols;
    this.values = values;
  }

  /**
   * Builds from coordinate triples; duplicates of the same (row, col) are summed.
   * O(nnz log(row length)).
   */
  public static InteractionMatrix fromTriples(IdIndex users, IdIndex items, int[] r, int[] c, float[] v, int n) {
    int rows = users.size();
    int[] ptr = new int[rows + 1];
    for (int k = 0; k < n; k++) ptr[r[k] + 1]++;
    for (int i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
    int[] fill = Arrays.copyOf(ptr, rows);
    int[] cc = new int[n];
    float[] vv = new float[n];
    for (int k = 0; k < n; k++) {
      int p = fill[r[k]]++;
      cc[p] = c[k];
      vv[p] = v[k];
    }
    // sort each row by column and merge duplicates in place
    int[] outPtr = new int[rows + 1];
    int w = 0;
    for (int i = 0; i < rows; i++) {
      int s = ptr[i], e = ptr[i + 1];
      sortRow(cc, vv, s, e);
      int rowStart = w;
      for (int p = s; p < e; p++) {
        if (w > rowStart && cc[w - 1] == cc[p]) {
          vv[w - 1] += vv[p];
        } else {
          cc[w] = cc[p];
          vv[w] = vv[p];
          w++;
        }
      }
      outPtr[i + 1] = w;
    }
    return new InteractionMatrix(users, items, outPtr, w == n ? cc : Arrays.copyOf(cc, w),
        w == n ? vv : Arrays.copyOf(vv, w));
  }

  private static void sortRow(int[] c, float[] v, int s, int e) {
    // insertion sort for short rows, index sort otherwise
    if (e - s < 32) {
      for (int i = s + 1; i < e; i++) {
        int ci = c[i];
        float vi = v[i];
        int j = i - 1;
        while (j >= s && c[j] > ci) {
          c[j + 1] = c[j];
          v[j + 1] = v[j];
          j--;
        }
        c[j + 1] = ci;
        v[j + 1] = vi;
      }
      return;
    }
    long[] packed = new long[e - s];
    for (int i = s; i < e; i++) packed[i - s] = ((long) c[i] << 32) | (Float.floatToRawIntBits(v[i]) & 0xffffffffL);
    Arrays.sort(packed);
    for (int i = s; i < e; i++) {
      c[i] = (int) (packed[i - s] >>> 32);
      v[i] = Float.intBitsToFloat((int) packed[i - s]);
    }
  }

  public int rows() {
    return users.size();
  }

  public int cols() {
    return items.size();
  }

  public int nnz() {
    return cols.length;
  }

  /** Row ids (users for the normal matrix, items for the transpose). */
  public IdIndex rowIds() {
    return users;
  }

  /** Column ids. */
  public IdIndex colIds() {
    return items;
  }

  /** Start offset of row r in {@link #colIndex()} and {@link #values()}. */
  public int rowStart(int r) {
    return rowPtr[r];
  }

  /** End offset (exclusive) of row r. */
  public int rowEnd(int r) {
    return rowPtr[r + 1];
  }

  public int rowLength(int r) {
    return rowPtr[r + 1] - rowPtr[r];
  }

  /** The shared column index array (do not modify). */
  public int[] colIndex() {
    return cols;
  }

  /** The shared weight array (do not modify). */
  public float[] values() {
    return values;
  }

  /** The row pointer array (do not modify). */
  public int[] rowPointers() {
    return rowPtr;
  }

  /** The weight at (r, c), 0 when absent. O(log row length). */
  public float get(int r, int c) {
    int p = Arrays.binarySearch(cols, rowPtr[r], rowPtr[r + 1], c);
    return p >= 0 ? values[p] : 0f;
  }

  /** Items x users; computed once, O(nnz). */
  public InteractionMatrix transpose() {
    InteractionMatrix t = transposed;
    if (t != null) return t;
    synchronized (this) {
      if (transposed != null) return transposed;
      int nc = cols();
      int[] ptr = new int[nc + 1];
      for (int c : cols) ptr[c + 1]++;
      for (int i = 0; i < nc; i++) ptr[i + 1] += ptr[i];
      int[] fill = Arrays.copyOf(ptr, nc);
      int[] tc = new int[cols.length];
      float[] tv = new float[cols.length];
      for (int r = 0; r < rows(); r++) {
        for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
          int q = fill[cols[p]]++;
          tc[q] = r; // rows visited in order, so each transposed row comes out sorted
          tv[q] = values[p];
        }
      }
      t = new InteractionMatrix(items, users, ptr, tc, tv);
      t.transposed = this;
      transposed = t;
      return t;
    }
  }

  /** Approximate heap bytes held by the CSR arrays (not the id indexes). */
  public long sizeInBytes() {
    return 4L * rowPtr.length + 8L * cols.length;
  }
}
