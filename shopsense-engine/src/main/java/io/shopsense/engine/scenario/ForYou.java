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
 * {@code 1 + foryou.weight.affinity x} the item's category affinity relative to the shopper's
 * strongest (removed interests bury the item instead). Fallbacks: the shopper's top category's
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
    b.scale(id -> factor(c, c.catalog().item(id), maxCat));
    Sources.fallbacks(c, b, Sources.topCategory(c), ok);
    return b.result().stream().map(x -> Explanations.anchored(x, c.snap(), anchors)).toList();
  }

  private static List<Scored> trendingWithCategory(Ctx c, IntPredicate ok, int k) {
    List<Scored> l = Sources.top(c, c.snap().stats().trend(), k, "trending", ok);
    return l.stream().map(x -> {
      Item it = c.catalog().item(x.id());
      return it == null ? x : new Scored(x.id(), x.score(), x.source(), it.category());
    }).toList();
  }

  /** The affinity multiplier of an item for this shopper. */
  static double factor(Ctx c, Item it, double maxCat) {
    if (it == null) return 1;
    var live = c.live();
    if (live.removedInterest("category", it.category()) || live.removedInterest("category", it.topCategory())
        || live.removedInterest("brand", it.brand()) || live.removedInterest("shop", it.shop())) {
      return REMOVED_INTEREST;
    }
    if (maxCat <= 0) return 1;
    return 1 + c.settings().affinity() * live.affinity("category", it.category()) / maxCat;
  }
}
