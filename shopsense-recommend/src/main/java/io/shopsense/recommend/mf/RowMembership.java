package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;

/**
 * Answers "does row r hold column c?" fast, for BPR's negative sampling. Long rows get a bitset (one
 * load per test), short rows a branch-free binary search of their sorted columns. A row gets a
 * bitset only when it is no bigger than the row's own column indices ({@code cols / 8 <= 4 n}
 * bytes), so the index never takes more memory than the matrix's column array.
 */
final class RowMembership {
  private final int[] rowPtr;
  private final int[] cols;
  private final int[] bitsetStart; // word offset into bits, -1 when the row has no bitset
  private final long[] bits;

  RowMembership(InteractionMatrix m) {
    rowPtr = m.rowPointers();
    cols = m.colIndex();
    int words = (m.cols() + 63) >>> 6;
    bitsetStart = new int[m.rows()];
    long total = 0;
    for (int r = 0; r < m.rows(); r++) {
      boolean dense = 32L * m.rowLength(r) >= m.cols() && m.rowLength(r) > 8;
      bitsetStart[r] = dense ? Math.toIntExact(total) : -1;
      if (dense) total += words;
    }
    bits = new long[Math.toIntExact(total)];
    for (int r = 0; r < m.rows(); r++) {
      int off = bitsetStart[r];
      if (off < 0) continue;
      for (int q = rowPtr[r]; q < rowPtr[r + 1]; q++) bits[off + (cols[q] >>> 6)] |= 1L << cols[q];
    }
  }

  boolean contains(int row, int col) {
    int off = bitsetStart[row];
    if (off >= 0) return (bits[off + (col >>> 6)] & (1L << col)) != 0;
    return sortedContains(cols, rowPtr[row], rowPtr[row + 1], col);
  }

  /**
   * Whether the sorted run {@code a[from, to)} holds the key: a binary search whose loop has no
   * data-dependent branch (the JIT emits a conditional move).
   */
  static boolean sortedContains(int[] a, int from, int to, int key) {
    int len = to - from;
    if (len == 0) return false;
    int base = from;
    while (len > 1) {
      int half = len >>> 1;
      base = a[base + half] <= key ? base + half : base;
      len -= half;
    }
    return a[base] == key;
  }
}
