package io.shopsense.recommend.knn;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Parallel;

/**
 * Exact top-k neighbours of every row of a matrix under a {@link Similarity}, with shrinkage.
 * Each row's similarities come from one {@link CoOccurrence} pass (dense accumulator, sparse
 * walk; counts only when Jaccard or shrinkage need them), then a bounded heap keeps the k best
 * positive ones. The result does not depend on which form ran: every row b receives the same
 * additions in the same order, and the heap's order (similarity, then index) is total. Rows run in parallel and write only
 * their own slots, so the result is identical for any thread count.
 * Time O(sum over features of |column|^2 + rows * touched * log k), memory O(rows * k).
 */
public final class NeighbourSearch {
  private NeighbourSearch() {}

  /**
   * @param a rows to find neighbours for, as vectors over its columns
   * @param k neighbours kept per row (clamped to rows - 1)
   * @param shrinkage 0 for none
   * @param label progress label, or null
   */
  public static Neighbours build(InteractionMatrix a, Similarity similarity, int k, double shrinkage, int threads, String label) {
    int n = a.rows();
    int kk = Math.max(0, Math.min(k, n - 1));
    InteractionMatrix m = a;
    double[] norm = norms(m, similarity);
    double[] sum = similarity == Similarity.PEARSON ? sums(m) : null;
    double dim = m.cols();
    CoOccurrence co = new CoOccurrence(m);
    int[] outIdx = new int[Math.multiplyExact(n, kk)];
    float[] outSim = new float[outIdx.length];
    int[] count = new int[n];
    boolean counts = similarity == Similarity.JACCARD || shrinkage > 0;
    Parallel.forEach(n, threads, 16, () -> new State(co.scratch(), kk), (st, r) -> {
      Heap h = st.heap;
      h.size = 0;
      double[] acc = st.scratch.acc;
      int[] cnt = st.scratch.cnt;
      if (co.work(r) * 4 >= n) { // dense: accumulate without bookkeeping, then scan every row
        co.dots(r, acc, counts ? cnt : null);
        for (int b = 0; b < n; b++) {
          if (counts ? cnt[b] != 0 : acc[b] != 0) {
            offer(h, r, b, acc[b], cnt[b], norm, sum, dim, similarity, shrinkage);
            acc[b] = 0;
            cnt[b] = 0;
          }
        }
      } else { // sparse: walk only the touched rows
        int nt = co.row(r, st.scratch);
        for (int t = 0; t < nt; t++) {
          int b = st.scratch.touched[t];
          offer(h, r, b, acc[b], cnt[b], norm, sum, dim, similarity, shrinkage);
        }
        st.scratch.clear(nt);
      }
      count[r] = h.drainSorted(outIdx, outSim, r * kk);
    }, label);
    return compact(n, kk, outIdx, outSim, count);
  }

  /**
   * Offers row b as a neighbour of row r. Without counts (cosine or Pearson, no shrinkage) c is 0,
   * which is fine: rows that share no column have a dot product of 0, so their cosine is 0 and
   * their Pearson correlation is at most 0, and neither is ever kept.
   */
  private static void offer(Heap h, int r, int b, double dot, int c, double[] norm, double[] sum, double dim,
      Similarity similarity, double shrinkage) {
    if (b == r) return;
    double s;
    if (similarity == Similarity.JACCARD) {
      s = c / (norm[r] + norm[b] - c);
    } else if (similarity == Similarity.PEARSON) {
      double d = norm[r] * norm[b];
      s = d > 0 ? (dim * dot - sum[r] * sum[b]) / d : 0;
    } else {
      double d = norm[r] * norm[b];
      s = d > 0 ? dot / d : 0;
    }
    if (shrinkage > 0) s *= c / (c + shrinkage);
    if (s > 0) h.offer(b, (float) s);
  }

  private static final class State {
    final CoOccurrence.Scratch scratch;
    final Heap heap;

    State(CoOccurrence.Scratch s, int k) {
      scratch = s;
      heap = new Heap(k);
    }
  }

  /** Sum of each row's entries (Pearson). */
  static double[] sums(InteractionMatrix m) {
    double[] out = new double[m.rows()];
    float[] v = m.values();
    for (int r = 0; r < m.rows(); r++) for (int p = m.rowStart(r); p < m.rowEnd(r); p++) out[r] += v[p];
    return out;
  }

  /**
   * Per row: the Euclidean norm over all its entries (cosine), its entry count (Jaccard), or its
   * spread {@code sqrt(D * sum a_k^2 - (sum a_k)^2)} over all D columns (Pearson).
   */
  static double[] norms(InteractionMatrix m, Similarity similarity) {
    double[] out = new double[m.rows()];
    float[] v = m.values();
    double dim = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      if (similarity == Similarity.JACCARD) {
        out[r] = m.rowLength(r);
        continue;
      }
      double sq = 0, sum = 0;
      for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
        sq += (double) v[p] * v[p];
        sum += v[p];
      }
      out[r] = similarity == Similarity.PEARSON ? Math.sqrt(Math.max(0, dim * sq - sum * sum)) : Math.sqrt(sq);
    }
    return out;
  }

  private static Neighbours compact(int n, int k, int[] idx, float[] sim, int[] count) {
    int[] ptr = new int[n + 1];
    for (int r = 0; r < n; r++) ptr[r + 1] = ptr[r] + count[r];
    int total = ptr[n];
    int[] ci = new int[total];
    float[] cs = new float[total];
    for (int r = 0; r < n; r++) {
      System.arraycopy(idx, r * k, ci, ptr[r], count[r]);
      System.arraycopy(sim, r * k, cs, ptr[r], count[r]);
    }
    return new Neighbours(n, ptr, ci, cs);
  }

  /** Bounded min-heap of (index, similarity): the root is the worst kept; ties rank lower index first. */
  static final class Heap {
    final int[] idx;
    final float[] sim;
    int size;

    Heap(int k) {
      idx = new int[k];
      sim = new float[k];
    }

    /** a ranks above b */
    private boolean better(int ia, float sa, int ib, float sb) {
      return sa > sb || (sa == sb && ia < ib);
    }

    void offer(int i, float s) {
      int k = idx.length;
      if (k == 0) return;
      if (size < k) {
        int c = size++;
        while (c > 0) { // sift up: move better parents down
          int p = (c - 1) >>> 1;
          if (!better(idx[p], sim[p], i, s)) break;
          idx[c] = idx[p];
          sim[c] = sim[p];
          c = p;
        }
        idx[c] = i;
        sim[c] = s;
      } else if (better(i, s, idx[0], sim[0])) {
        siftDown(i, s, size);
      }
    }

    private void siftDown(int i, float s, int n) {
      int c = 0;
      while (true) {
        int l = 2 * c + 1;
        if (l >= n) break;
        int w = l;
        if (l + 1 < n && better(idx[l], sim[l], idx[l + 1], sim[l + 1])) w = l + 1;
        if (!better(i, s, idx[w], sim[w])) break;
        idx[c] = idx[w];
        sim[c] = sim[w];
        c = w;
      }
      idx[c] = i;
      sim[c] = s;
    }

    /** Writes the kept entries best first at {@code off}; returns how many; empties the heap. */
    int drainSorted(int[] outIdx, float[] outSim, int off) {
      int n = size;
      for (int m = n; m > 0; m--) { // pop the worst into the last free slot
        outIdx[off + m - 1] = idx[0];
        outSim[off + m - 1] = sim[0];
        int li = idx[m - 1];
        float ls = sim[m - 1];
        siftDown(li, ls, m - 1);
      }
      size = 0;
      return n;
    }
  }
}
