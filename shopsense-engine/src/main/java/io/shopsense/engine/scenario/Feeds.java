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
  /** Which affinity weighed most for a new item (its anchor). */
  private static final byte NO_ANCHOR = 0, SHOP = 1, BRAND = 2, CATEGORY = 3;

  private Feeds() {}

  static List<Scored> trending(Ctx c) {
    IntPredicate ok = Sources.eligible(c, true);
    Blend b = new Blend();
    List<Scored> l = Sources.top(c, c.columns().trendOrder(), c.pool(), "trending", ok);
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

  /**
   * Fresh items for this shopper, best first, scores in [0, 1]. Scans the newest items (those of the
   * window, at least {@code k}); only the {@code k} kept become {@link Scored} entries with an anchor.
   */
  static List<Scored> newArrivals(Ctx c, IntPredicate ok, int k) {
    return newArrivals(c, ok, k, null);
  }

  /** As {@link #newArrivals(Ctx, IntPredicate, int)}, appending each entry's item to {@code items} (when not null). */
  static List<Scored> newArrivals(Ctx c, IntPredicate ok, int k, List<Item> items) {
    long window = (long) (c.settings().newArrivalDays() * DAY);
    long since = c.now() - window;
    var live = c.live();
    double mc = live.maxAffinity("category"), mb = live.maxAffinity("brand"), ms = live.maxAffinity("shop");
    List<Item> newest = c.catalog().newestFirst();
    int[] cols = c.columns().newestColumns();
    int scan = 0; // the window's items (a prefix: newest first), and at least k
    while (scan < newest.size() && (scan < k || newest.get(scan).created() >= since)) scan++;
    double[] score = new double[scan];
    int[] at = new int[scan]; // position in newest of each accepted item
    byte[] anchorKind = new byte[scan];
    // without removed interests an affinity is the profile's value: read it by code, not by map look-up
    Columns.Codes codes = live.removed().isEmpty() ? c.columns().newestCodes() : null;
    double[] catAff = codes == null ? null : Columns.Codes.byCode(codes.categories, live.profile().categories());
    double[] brandAff = codes == null ? null : Columns.Codes.byCode(codes.brands, live.profile().brands());
    double[] shopAff = codes == null ? null : Columns.Codes.byCode(codes.shops, live.profile().shops());
    int m = 0;
    for (int j = 0; j < scan; j++) {
      Item it = newest.get(j);
      int col = cols[j];
      if (col >= 0 ? !ok.test(col) : !io.shopsense.engine.rules.RuleEngine.accepts(it, c.rules(), live, true)) continue;
      double age = Math.max(0, c.now() - it.created());
      double fresh = Math.max(0.05, 1 - age / Math.max(1, window));
      double cat = mc > 0 ? (codes == null ? live.affinity("category", it.category()) : at(catAff, codes.category[j])) / mc : 0;
      double brand = mb > 0 ? 0.5 * (codes == null ? live.affinity("brand", it.brand()) : at(brandAff, codes.brand[j])) / mb : 0;
      double shop = ms > 0 ? 0.8 * (codes == null ? live.affinity("shop", it.shop()) : at(shopAff, codes.shop[j])) / ms : 0;
      byte anchor = NO_ANCHOR;
      double best = 0.05;
      if (shop > best) {
        best = shop;
        anchor = SHOP;
      }
      if (brand > best) {
        best = brand;
        anchor = BRAND;
      }
      if (cat > best) anchor = CATEGORY;
      score[m] = fresh * (1 + cat + brand + shop) / 3.3;
      at[m] = j;
      anchorKind[m++] = anchor;
    }
    int[] top = Sources.best(score, m, k);
    List<Scored> out = new ArrayList<>(top.length);
    for (int t : top) {
      Item it = newest.get(at[t]);
      String anchor = switch (anchorKind[t]) {
        case SHOP -> "shop:" + it.shop();
        case BRAND -> "brand:" + it.brand();
        case CATEGORY -> "category:" + it.category();
        default -> null;
      };
      out.add(new Scored(it.id(), score[t], "new", anchor));
      if (items != null) items.add(it);
    }
    return out;
  }

  private static double at(double[] affinity, int code) {
    return code < 0 ? 0 : affinity[code];
  }
}
