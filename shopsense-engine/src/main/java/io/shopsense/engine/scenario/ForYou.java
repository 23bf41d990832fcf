package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The home feed: a blend of the collaborative models' scores for a shopper the snapshot knows (split
 * evenly over {@code foryou.weight.collaborative}), item-kNN over the live session and recent items
 * ({@code foryou.weight.session}), ALS fold-in of the same items for a shopper the snapshot does not
 * know (so a new shopper is served from their first views), trending ({@code foryou.weight.trending})
 * and new arrivals ({@code foryou.weight.new}); blended scores are then multiplied by
 * {@code 1 + foryou.weight.affinity x} the larger of the item's category affinity relative to the
 * shopper's strongest and the category's share of the current session (removed interests bury the
 * item instead). Fallbacks: the shopper's top category's
 * trending and popular items, then popular, then newest. The diversity step is the rules' MMR.
 */
final class ForYou {
  private static final double REMOVED_INTEREST = 0.3;

  private ForYou() {}

  static List<Scored> candidates(Ctx c) {
    IntPredicate ok = Sources.eligible(c, true);
    int k = c.pool();
    ScenarioSettings s = c.settings();
    Blend b = new Blend();
    Map<String, float[]> collab = Sources.collaborative(c);
    for (var e : collab.entrySet()) b.add(Sources.top(c, e.getValue(), k, e.getKey(), ok), s.collaborative() / collab.size());
    Sources.Anchors anchors = Sources.anchors(c);
    float[] session = Sources.session(c, anchors);
    if (session != null) b.add(Sources.top(c, session, k, "session", ok), s.session());
    if (c.row() < 0) {
      float[] fold = Sources.foldIn(c, anchors);
      if (fold != null) b.add(Sources.top(c, fold, k, "als", ok), s.collaborative());
    }
    b.add(trendingWithCategory(c, ok, k), s.trending());
    b.add(Feeds.newArrivals(c, ok, k), s.fresh());
    double maxCat = c.live().maxAffinity("category");
    Map<String, Double> shares = sessionShares(c);
    b.scale(id -> factor(c, c.catalog().item(id), maxCat, shares));
    if (b.size() < 3 * c.n()) Sources.fallbacks(c, b, Sources.topCategory(c), ok);
    return b.result();
  }

  private static List<Scored> trendingWithCategory(Ctx c, IntPredicate ok, int k) {
    List<Scored> l = Sources.top(c, c.snap().stats().trend(), k, "trending", ok);
    return l.stream().map(x -> {
      Item it = c.catalog().item(x.id());
      return it == null ? x : new Scored(x.id(), x.score(), x.source(), it.category());
    }).toList();
  }

  /** Share of each leaf category among the session's items (the current intent). */
  static Map<String, Double> sessionShares(Ctx c) {
    Map<String, Double> m = new java.util.HashMap<>();
    var session = c.live().profile().session();
    if (session == null || session.items().isEmpty()) return m;
    List<String> items = session.items();
    int from = Math.max(0, items.size() - 10);
    for (String id : items.subList(from, items.size())) {
      Item it = c.catalog().item(id);
      if (it != null && it.category() != null) m.merge(it.category(), 1.0 / (items.size() - from), Double::sum);
    }
    return m;
  }

  /**
   * The affinity multiplier of an item for this shopper: the larger of its category's long-term
   * affinity (relative to the strongest) and its share of the current session, so a new interest
   * counts from its first views.
   */
  static double factor(Ctx c, Item it, double maxCat, Map<String, Double> session) {
    if (it == null) return 1;
    var live = c.live();
    if (live.removedInterest("category", it.category()) || live.removedInterest("category", it.topCategory())
        || live.removedInterest("brand", it.brand()) || live.removedInterest("shop", it.shop())) {
      return REMOVED_INTEREST;
    }
    double longTerm = maxCat <= 0 ? 0 : live.affinity("category", it.category()) / maxCat;
    return 1 + c.settings().affinity() * Math.max(longTerm, session.getOrDefault(it.category(), 0.0));
  }
}
