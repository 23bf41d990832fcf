package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import io.shopsense.recommend.TrainedModel;
import java.util.ArrayList;
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
    return candidates(c, null);
  }

  /** The candidates, and in {@code items} (when not null) the catalog item of each that the sources had at hand. */
  static List<Scored> candidates(Ctx c, List<Item> itemsOut) {
    IntPredicate ok = Sources.eligible(c, true);
    int k = c.pool();
    ScenarioSettings s = c.settings();
    Blend b = new Blend();
    // each source scores the catalog into the thread's scratch buffer and keeps only its top k, with
    // the catalog item of each entry (the affinity step needs them: no look-up by id)
    Map<String, TrainedModel> personal = Sources.personal(c);
    for (var e : personal.entrySet()) {
      float[] scores = Sources.scores(c, e.getValue(), Sources.scratch(e.getValue().numItems()));
      List<Item> items = new ArrayList<>(k);
      b.add(Sources.top(c, scores, k, e.getKey(), ok, items), items, s.collaborative() / personal.size());
    }
    Sources.Anchors anchors = Sources.anchors(c);
    float[] session = Sources.session(c, anchors, true);
    if (session != null) {
      List<Item> items = new ArrayList<>(k);
      b.add(Sources.top(c, session, k, "session", ok, items), items, s.session());
    }
    if (c.row() < 0) {
      float[] fold = Sources.foldIn(c, anchors, true);
      if (fold != null) {
        List<Item> items = new ArrayList<>(k);
        b.add(Sources.top(c, fold, k, "als", ok, items), items, s.collaborative());
      }
    }
    List<Item> trendItems = new ArrayList<>(k);
    b.add(trendingWithCategory(c, ok, k, trendItems), trendItems, s.trending());
    List<Item> newItems = new ArrayList<>(k);
    b.add(Feeds.newArrivals(c, ok, k, newItems), newItems, s.fresh());
    double maxCat = c.live().maxAffinity("category");
    Map<String, Double> shares = sessionShares(c);
    b.scale(c.catalog()::item, it -> factor(c, it, maxCat, shares));
    if (b.size() < 3 * c.n()) Sources.fallbacks(c, b, Sources.topCategory(c), ok);
    return b.result(itemsOut);
  }

  private static List<Scored> trendingWithCategory(Ctx c, IntPredicate ok, int k, List<Item> items) {
    List<Scored> l = Sources.top(c, c.columns().trendOrder(), k, "trending", ok, items);
    List<Scored> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      Scored x = l.get(i);
      Item it = items.get(i);
      out.add(it == null ? x : new Scored(x.id(), x.score(), x.source(), it.category()));
    }
    return out;
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
    if (!live.removed().isEmpty() && (live.removedInterest("category", it.category()) || live.removedInterest("category", it.topCategory())
        || live.removedInterest("brand", it.brand()) || live.removedInterest("shop", it.shop()))) {
      return REMOVED_INTEREST;
    }
    double longTerm = maxCat <= 0 ? 0 : live.affinity("category", it.category()) / maxCat;
    Double share = it.category() == null ? null : session.get(it.category());
    return 1 + c.settings().affinity() * Math.max(longTerm, share == null ? 0.0 : share);
  }
}
