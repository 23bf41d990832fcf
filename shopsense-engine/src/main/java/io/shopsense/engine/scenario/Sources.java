package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.rules.Scored;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import io.shopsense.recommend.mf.FactorModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The candidate sources scenarios blend: collaborative scores of a known shopper, item-kNN over the
 * live session, ALS fold-in of a shopper the snapshot does not know, trending, popularity, and the
 * fallbacks. Every list is rank-normalised, {@code 1 - r / pool}, so sources of any scale blend.
 */
final class Sources {
  /** Models that score a shopper from their own history (everything but the non-personal ones). */
  private static final Set<String> NON_PERSONAL = Set.of("popular", "trending", ModelSnapshot.CONTENT);
  private static final double RECENCY = 0.85;
  private static final int SESSION_ITEMS = 10;
  private static final int RECENT_ITEMS = 10;

  private Sources() {}

  /**
   * The indices of the {@code k} highest of {@code s[0..m)}, best first, ties by lower index (the
   * order of a stable sort by descending score). A bounded min-heap: O(m log k).
   */
  static int[] best(double[] s, int m, int k) {
    int size = Math.min(k, m);
    if (size <= 0) return new int[0];
    int[] heap = new int[size]; // root = the worst kept
    int n = 0;
    for (int i = 0; i < m; i++) {
      if (n < size) {
        heap[n] = i;
        for (int j = n++; j > 0; ) { // sift up
          int p = (j - 1) >>> 1;
          if (!worse(s, heap[j], heap[p])) break;
          int t = heap[p]; heap[p] = heap[j]; heap[j] = t;
          j = p;
        }
      } else if (worse(s, heap[0], i)) {
        heap[0] = i;
        siftDown(s, heap, n);
      }
    }
    int[] out = new int[n];
    for (int r = n - 1; r >= 0; r--) { // pop the worst into the back
      out[r] = heap[0];
      heap[0] = heap[r];
      siftDown(s, heap, r);
    }
    return out;
  }

  /** True when entry a ranks below entry b (lower score, or equal score and later). */
  private static boolean worse(double[] s, int a, int b) {
    return s[a] != s[b] ? s[a] < s[b] : a > b;
  }

  private static void siftDown(double[] s, int[] h, int n) {
    for (int i = 0; ; ) {
      int l = 2 * i + 1;
      if (l >= n) return;
      int w = l + 1 < n && worse(s, h[l + 1], h[l]) ? l + 1 : l;
      if (!worse(s, h[w], h[i])) return;
      int t = h[w]; h[w] = h[i]; h[i] = t;
      i = w;
    }
  }

  /** Per-thread score buffers: a request scores the whole catalog several times, one source after another. */
  private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

  /** The best {@code k} columns scored above 0 that {@code accept} takes, as rank-normalised entries. */
  static List<Scored> top(Ctx c, float[] s, int k, String source, IntPredicate accept) {
    return top(c, s, k, source, accept, null);
  }

  /** As {@link #top(Ctx, float[], int, String, IntPredicate)}, appending each entry's catalog item to {@code items} (when not null). */
  static List<Scored> top(Ctx c, float[] s, int k, String source, IntPredicate accept, List<Item> items) {
    List<ScoredItem> top = TopK.select(s, k, i -> s[i] > 0 && accept.test(i));
    List<Scored> out = new ArrayList<>(top.size());
    double m = Math.max(k, c.pool());
    for (int r = 0; r < top.size(); r++) {
      int col = top.get(r).item();
      out.add(new Scored(id(c, col), 1 - r / m, source, null));
      if (items != null) items.add(c.item(col));
    }
    return out;
  }

  /**
   * As {@link #top} over a score array whose order is known ({@link Columns#trendOrder()}): the first
   * {@code k} columns of {@code order} that {@code accept} takes, the same list without the scan.
   */
  static List<Scored> top(Ctx c, int[] order, int k, String source, IntPredicate accept) {
    return top(c, order, k, source, accept, null);
  }

  /** As {@link #top(Ctx, int[], int, String, IntPredicate)}, appending each entry's catalog item to {@code items} (when not null). */
  static List<Scored> top(Ctx c, int[] order, int k, String source, IntPredicate accept, List<Item> items) {
    List<Scored> out = new ArrayList<>(Math.min(k, order.length));
    double m = Math.max(k, c.pool());
    for (int i = 0; i < order.length && out.size() < k; i++) {
      if (!accept.test(order[i])) continue;
      out.add(new Scored(id(c, order[i]), 1 - out.size() / m, source, null));
      if (items != null) items.add(c.item(order[i]));
    }
    return out;
  }

  /**
   * The item id of a column: the catalog item's own id string when the item exists (the same
   * characters as the snapshot's; later look-ups in the catalog then match by reference).
   */
  static String id(Ctx c, int col) {
    Item it = c.item(col);
    return it != null ? it.id() : c.snap().itemId(col);
  }

  /**
   * A buffer of {@code n} floats for scoring, owned by the calling thread and overwritten by its next
   * call: scoring fills every entry, and the caller takes its top-k before scoring the next source.
   */
  static float[] scratch(int n) {
    float[] b = SCRATCH.get();
    if (b == null || b.length != n) SCRATCH.set(b = new float[n]);
    return b;
  }

  /**
   * Columns whose item exists and passes the request's rules (not the caps): the rules' filter mask,
   * shared by every request with the same filters, minus the shopper's own exclusions (items bought,
   * items recently shown), the same answer as {@link RuleEngine#accepts} on the column's item.
   */
  static IntPredicate eligible(Ctx c, boolean excludeBought) {
    long[] mask = c.columns().mask(c.rules());
    long[] ex = exclusions(c, excludeBought);
    int n = c.columns().size();
    if (ex == null) return i -> i >= 0 && i < n && (mask[i >>> 6] & (1L << i)) != 0;
    return i -> i >= 0 && i < n && (mask[i >>> 6] & ~ex[i >>> 6] & (1L << i)) != 0;
  }

  /** The columns of the items the shopper bought (when excluded) or was recently shown, as bits; null when none. */
  private static long[] exclusions(Ctx c, boolean excludeBought) {
    long[] ex = null;
    if (excludeBought && c.rules().excludeBought()) ex = setColumns(c, c.live().profile().purchases().keySet(), ex);
    if (c.rules().excludeRecentlyShown()) ex = setColumns(c, c.live().shown(), ex);
    return ex;
  }

  private static long[] setColumns(Ctx c, java.util.Collection<String> ids, long[] bits) {
    for (String id : ids) {
      int col = c.snap().itemIndex(id);
      if (col < 0 || col >= c.columns().size()) continue;
      if (bits == null) bits = new long[(c.columns().size() + 63) >>> 6];
      bits[col >>> 6] |= 1L << col;
    }
    return bits;
  }

  /** The models that score a shopper from their own history, in snapshot order, by name. */
  static Map<String, TrainedModel> personal(Ctx c) {
    Map<String, TrainedModel> out = new LinkedHashMap<>();
    if (c.row() < 0) return out;
    for (var e : c.snap().models().entrySet()) if (!NON_PERSONAL.contains(e.getKey())) out.put(e.getKey(), e.getValue());
    return out;
  }

  /** Each personal model's scores for a shopper the snapshot knows, by model name (fresh arrays). */
  static Map<String, float[]> collaborative(Ctx c) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (var e : personal(c).entrySet()) out.put(e.getKey(), scores(c, e.getValue(), new float[e.getValue().numItems()]));
    return out;
  }

  /** One model's scores for the shopper's snapshot row. */
  static float[] scores(Ctx c, TrainedModel m, float[] into) {
    m.scoreUser(c.row(), into);
    return into;
  }

  /** The session and recent items with recency weights (session first and heavier). */
  record Anchors(int[] cols, float[] weights, List<String> ids) {
    boolean isEmpty() {
      return cols.length == 0;
    }
  }

  static Anchors anchors(Ctx c) {
    Map<String, Float> w = new LinkedHashMap<>();
    UserProfile p = c.live().profile();
    if (p.session() != null) {
      List<String> s = p.session().items();
      float f = 1f;
      for (int i = s.size() - 1; i >= 0 && s.size() - i <= SESSION_ITEMS; i--) {
        w.merge(s.get(i), f, Math::max);
        f *= RECENCY;
      }
    }
    float f = 0.5f;
    for (int i = 0; i < Math.min(RECENT_ITEMS, p.recentItems().size()); i++) {
      w.merge(p.recentItems().get(i), f, Math::max);
      f *= RECENCY;
    }
    List<Integer> cols = new ArrayList<>();
    List<Float> ws = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (var e : w.entrySet()) {
      int col = c.snap().itemIndex(e.getKey());
      if (col < 0) continue;
      cols.add(col);
      ws.add(e.getValue());
      ids.add(e.getKey());
    }
    float[] wa = new float[ws.size()];
    for (int i = 0; i < wa.length; i++) wa[i] = ws.get(i);
    return new Anchors(cols.stream().mapToInt(Integer::intValue).toArray(), wa, ids);
  }

  /** Item-kNN (else content) scores from the anchors, or null when there is no such model or anchor. */
  static float[] session(Ctx c, Anchors a) {
    return session(c, a, false);
  }

  /** As {@link #session(Ctx, Anchors)}, into the thread's {@link #scratch} buffer when {@code scratch}. */
  static float[] session(Ctx c, Anchors a, boolean scratch) {
    if (a.isEmpty()) return null;
    ItemNeighbourModel m = c.snap().itemKnn() != null ? c.snap().itemKnn() : c.snap().content();
    if (m == null) return null;
    float[] s = scratch ? scratch(m.numItems()) : new float[m.numItems()];
    m.scoreItemSet(a.cols(), a.weights(), s);
    return s;
  }

  /** ALS scores of the anchors folded in as a new shopper, or null without ALS or anchors. */
  static float[] foldIn(Ctx c, Anchors a) {
    return foldIn(c, a, false);
  }

  /** As {@link #foldIn(Ctx, Anchors)}, into the thread's {@link #scratch} buffer when {@code scratch}. */
  static float[] foldIn(Ctx c, Anchors a, boolean scratch) {
    FactorModel als = c.snap().als();
    if (als == null || a.isEmpty()) return null;
    float[] s = scratch ? scratch(als.numItems()) : new float[als.numItems()];
    als.scoreVector(als.foldInUser(a.cols(), a.weights()), s);
    return s;
  }

  /** Trend scores (copied so callers may change them). */
  static float[] trend(Ctx c) {
    return c.snap().stats().trend().clone();
  }

  static float[] popularity(Ctx c) {
    return c.snap().stats().popularity().clone();
  }

  /**
   * The fallback tiers: trending then popular within the category (when given), then popular
   * overall, then the newest catalog items (so a non-empty catalog always yields something).
   */
  static void fallbacks(Ctx c, Blend b, String category, IntPredicate accept) {
    int[] trend = c.columns().trendOrder();
    int[] pop = c.columns().popularityOrder();
    int k = c.pool();
    if (category != null) {
      IntPredicate inCat = i -> accept.test(i) && RuleEngine.within(c.item(i).category(), category);
      b.fallback(withAnchor(top(c, trend, k, "trending", inCat), category));
      b.fallback(withAnchor(top(c, pop, k, "popular", inCat), category));
    }
    b.fallback(top(c, pop, k, "popular", accept));
    List<Scored> newest = new ArrayList<>();
    List<Item> items = c.catalog().newestFirst();
    int[] cols = c.columns().newestColumns();
    for (int j = 0; j < items.size(); j++) {
      if (newest.size() >= k) break;
      Item it = items.get(j);
      int col = cols[j];
      if (col >= 0 ? accept.test(col) : RuleEngine.accepts(it, c.rules(), c.live(), true)) {
        newest.add(new Scored(it.id(), 1 - newest.size() / (double) k, "catalog", null));
      }
    }
    b.fallback(newest);
  }

  static List<Scored> withAnchor(List<Scored> l, String anchor) {
    List<Scored> out = new ArrayList<>(l.size());
    for (Scored s : l) out.add(new Scored(s.id(), s.score(), s.source(), anchor));
    return out;
  }

  /** The shopper's strongest leaf category that they did not remove, or null. */
  static String topCategory(Ctx c) {
    for (String cat : c.live().profile().categories().keySet()) {
      if (!c.live().removedInterest("category", cat)) return cat;
    }
    return null;
  }
}
