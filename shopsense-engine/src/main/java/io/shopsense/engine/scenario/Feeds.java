package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The non-personal feeds, personalised where it helps:
 * <ul>
 *   <li><b>trending</b>: the snapshot's trend scores (decayed recent interaction weight), within the
 *       request's category rule when it has one; fallback popular in that category, then popular;
 *   <li><b>new arrivals</b>: items created in the last {@code new_arrivals.days} (or, when fewer than
 *       the pool, the newest items), scored by freshness {@code 1 - age / window} (at least 0.05)
 *       times {@code 1 + category + 0.5 brand + 0.8 shop} affinity, each relative to the shopper's
 *       strongest; the anchor says which affinity weighed most ("new from a shop you like").
 * </ul>
 */
final class Feeds {
  private static final long DAY = 86_400_000L;

  private Feeds() {}

  static List<Scored> trending(Ctx c) {
    IntPredicate ok = Sources.eligible(c, true);
    Blend b = new Blend();
    List<Scored> l = Sources.top(c, c.snap().stats().trend(), c.pool(), "trending", ok);
    String cat = c.rules().categories().size() == 1 ? c.rules().categories().get(0) : null;
    List<Scored> anchored = new ArrayList<>(l.size());
    for (Scored s : l) {
      Item it = c.catalog().item(s.id());
      anchored.add(new Scored(s.id(), s.score(), s.source(), cat != null ? cat : it == null ? null : it.category()));
    }
    b.add(anchored, 1);
    if (b.size() < 3 * c.n()) Sources.fallbacks(c, b, cat, ok);
    return b.result();
  }

  static List<Scored> newArrivalsScenario(Ctx c) {
    IntPredicate ok = Sources.eligible(c, true);
    Blend b = new Blend();
    b.add(newArrivals(c, ok, c.pool()), 1);
    if (b.size() < 3 * c.n()) Sources.fallbacks(c, b, Sources.topCategory(c), ok);
    return b.result();
  }

  /** Fresh items for this shopper, best first, scores in [0, 1]. */
  static List<Scored> newArrivals(Ctx c, IntPredicate ok, int k) {
    long window = (long) (c.settings().newArrivalDays() * DAY);
    long since = c.now() - window;
    var live = c.live();
    double mc = live.maxAffinity("category"), mb = live.maxAffinity("brand"), ms = live.maxAffinity("shop");
    List<Scored> out = new ArrayList<>();
    int scanned = 0;
    for (Item it : c.catalog().newestFirst()) {
      if (it.created() < since && scanned >= k) break;
      scanned++;
      int col = c.snap().itemIndex(it.id());
      if (col >= 0 ? !ok.test(col) : !io.shopsense.engine.rules.RuleEngine.accepts(it, c.rules(), live, true)) continue;
      double age = Math.max(0, c.now() - it.created());
      double fresh = Math.max(0.05, 1 - age / Math.max(1, window));
      double cat = mc > 0 ? live.affinity("category", it.category()) / mc : 0;
      double brand = mb > 0 ? 0.5 * live.affinity("brand", it.brand()) / mb : 0;
      double shop = ms > 0 ? 0.8 * live.affinity("shop", it.shop()) / ms : 0;
      String anchor = null;
      double best = 0.05;
      if (shop > best) {
        best = shop;
        anchor = "shop:" + it.shop();
      }
      if (brand > best) {
        best = brand;
        anchor = "brand:" + it.brand();
      }
      if (cat > best) anchor = "category:" + it.category();
      out.add(new Scored(it.id(), fresh * (1 + cat + brand + shop) / 3.3, "new", anchor));
    }
    out.sort((x, y) -> Double.compare(y.score(), x.score()));
    return out.size() > k ? out.subList(0, k) : out;
  }
}
