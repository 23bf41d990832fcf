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

  /** The best {@code k} columns scored above 0 that {@code accept} takes, as rank-normalised entries. */
  static List<Scored> top(Ctx c, float[] s, int k, String source, IntPredicate accept) {
    List<ScoredItem> top = TopK.select(s, k, i -> s[i] > 0 && accept.test(i));
    List<Scored> out = new ArrayList<>(top.size());
    double m = Math.max(k, c.pool());
    for (int r = 0; r < top.size(); r++) out.add(new Scored(c.snap().itemId(top.get(r).item()), 1 - r / m, source, null));
    return out;
  }

  /** Columns whose item exists and passes the request's rules (not the caps). */
  static IntPredicate eligible(Ctx c, boolean excludeBought) {
    return i -> RuleEngine.accepts(c.item(i), c.rules(), c.live(), excludeBought);
  }

  /** Each personal model's scores for a shopper the snapshot knows, by model name. */
  static Map<String, float[]> collaborative(Ctx c) {
    Map<String, float[]> out = new LinkedHashMap<>();
    if (c.row() < 0) return out;
    for (var e : c.snap().models().entrySet()) {
      if (NON_PERSONAL.contains(e.getKey())) continue;
      TrainedModel m = e.getValue();
      float[] s = new float[m.numItems()];
      m.scoreUser(c.row(), s);
      out.put(e.getKey(), s);
    }
    return out;
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
    if (a.isEmpty()) return null;
    ItemNeighbourModel m = c.snap().itemKnn() != null ? c.snap().itemKnn() : c.snap().content();
    if (m == null) return null;
    float[] s = new float[m.numItems()];
    m.scoreItemSet(a.cols(), a.weights(), s);
    return s;
  }

  /** ALS scores of the anchors folded in as a new shopper, or null without ALS or anchors. */
  static float[] foldIn(Ctx c, Anchors a) {
    FactorModel als = c.snap().als();
    if (als == null || a.isEmpty()) return null;
    float[] s = new float[als.numItems()];
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
    float[] trend = c.snap().stats().trend();
    float[] pop = c.snap().stats().popularity();
    int k = c.pool();
    if (category != null) {
      IntPredicate inCat = i -> accept.test(i) && RuleEngine.within(c.item(i).category(), category);
      b.fallback(withAnchor(top(c, trend, k, "trending", inCat), category));
      b.fallback(withAnchor(top(c, pop, k, "popular", inCat), category));
    }
    b.fallback(top(c, pop, k, "popular", accept));
    List<Scored> newest = new ArrayList<>();
    for (Item it : c.catalog().newestFirst()) {
      if (newest.size() >= k) break;
      int col = c.snap().itemIndex(it.id());
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
