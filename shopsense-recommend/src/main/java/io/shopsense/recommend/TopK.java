package io.shopsense.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Top-k selection over a dense score array with a bounded min-heap: O(n log k). Hand-written
 * because it runs on every request over the whole catalog; boxing collections would dominate.
 * Ties are broken by lower item index so results are deterministic.
 */
public final class TopK {
  private TopK() {}

  /** The k best items, best first; items rejected by the filter or scored NaN/-inf are skipped. */
  public static List<ScoredItem> select(float[] scores, int k, IntPredicate filter) {
    return select(scores, k, filter, null);
  }

  /**
   * As {@link #select(float[], int, IntPredicate)}, but among equal scores the items that
   * {@code lastOnTies} accepts rank below the others (then lower index first). Evaluation passes
   * "is relevant" here to break ties pessimistically, so a constant scorer earns no hits by luck.
   */
  public static List<ScoredItem> select(float[] scores, int k, IntPredicate filter, IntPredicate lastOnTies) {
    if (k <= 0) return List.of();
    int[] heap = new int[k];
    int size = 0;
    // the worst kept score, held in a local: once the heap is full almost every item fails this
    // one comparison instead of re-reading the heap root; ties still go to the full rule
    float worst = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (s < worst) continue;
      if (Float.isNaN(s) || s == Float.NEGATIVE_INFINITY) continue;
      if (size == k && !better(scores, lastOnTies, i, heap[0])) continue;
      if (filter != null && !filter.test(i)) continue;
      if (size < k) {
        heap[size] = i;
        siftUp(scores, lastOnTies, heap, size++);
        if (size == k) worst = scores[heap[0]];
      } else {
        heap[0] = i;
        siftDown(scores, lastOnTies, heap, size);
        worst = scores[heap[0]];
      }
    }
    List<ScoredItem> out = new ArrayList<>(size);
    // pop worst first, then reverse
    int[] order = new int[size];
    for (int n = size; n > 0; n--) {
      order[n - 1] = heap[0];
      heap[0] = heap[n - 1];
      siftDown(scores, lastOnTies, heap, n - 1);
    }
    for (int i : order) out.add(new ScoredItem(i, scores[i]));
    return out;
  }

  /** True when item a ranks above item b. */
  private static boolean better(float[] s, IntPredicate last, int a, int b) {
    if (s[a] != s[b]) return s[a] > s[b];
    if (last != null) {
      boolean la = last.test(a), lb = last.test(b);
      if (la != lb) return lb;
    }
    return a < b;
  }

  private static void siftUp(float[] s, IntPredicate last, int[] h, int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!better(s, last, h[p], h[i])) break;
      int t = h[p]; h[p] = h[i]; h[i] = t;
      i = p;
    }
  }

  private static void siftDown(float[] s, IntPredicate last, int[] h, int n) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) return;
      int w = l; // the worse child: the heap root holds the worst kept item
      if (l + 1 < n && better(s, last, h[l], h[l + 1])) w = l + 1;
      if (!better(s, last, h[i], h[w])) return;
      int t = h[w]; h[w] = h[i]; h[i] = t;
      i = w;
    }
  }
}
