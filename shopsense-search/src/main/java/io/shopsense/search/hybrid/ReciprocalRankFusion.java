package io.shopsense.search.hybrid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", SIGIR 2009): each retriever contributes
 * {@code weight / (k + rank)} for every item it ranks (rank 1-based), so items ranked well by several
 * retrievers rise, and no score calibration between BM25 and cosine similarity is needed.
 * O(n log n) for n distinct items over all lists.
 */
public final class ReciprocalRankFusion {
  /** One fused item: its key, fused score and 1-based rank in each input list (0 when absent). */
  public record Fused(int key, double score, int[] ranks) {}

  private final int k;

  /** @param k the rank constant (60 in the paper); larger flattens the advantage of the top ranks */
  public ReciprocalRankFusion(int k) {
    if (k <= 0) throw new IllegalArgumentException("RRF k must be > 0, got " + k);
    this.k = k;
  }

  /**
   * Fuses ranked lists of keys (best first; a key repeated within a list counts at its first rank).
   * Ties are broken by the best single rank, then by key, so the order is deterministic.
   */
  public List<Fused> fuse(List<int[]> lists, double[] weights) {
    if (lists.size() != weights.length) {
      throw new IllegalArgumentException(lists.size() + " lists but " + weights.length + " weights");
    }
    Map<Integer, Fused> byKey = new HashMap<>();
    List<Fused> order = new ArrayList<>();
    for (int l = 0; l < lists.size(); l++) {
      int[] list = lists.get(l);
      for (int r = 0; r < list.length; r++) {
        int key = list[r];
        Fused f = byKey.get(key);
        if (f == null) {
          f = new Fused(key, 0, new int[lists.size()]);
          byKey.put(key, f);
          order.add(f);
        }
        if (f.ranks()[l] != 0) continue;
        f.ranks()[l] = r + 1;
      }
    }
    List<Fused> out = new ArrayList<>(order.size());
    for (Fused f : order) {
      double s = 0;
      for (int l = 0; l < lists.size(); l++) if (f.ranks()[l] > 0) s += weights[l] / (k + f.ranks()[l]);
      out.add(new Fused(f.key(), s, f.ranks()));
    }
    out.sort((a, b) -> {
      int c = Double.compare(b.score(), a.score());
      if (c != 0) return c;
      c = Integer.compare(bestRank(a), bestRank(b));
      return c != 0 ? c : Integer.compare(a.key(), b.key());
    });
    return out;
  }

  private static int bestRank(Fused f) {
    int best = Integer.MAX_VALUE;
    for (int r : f.ranks()) if (r > 0) best = Math.min(best, r);
    return best;
  }
}
