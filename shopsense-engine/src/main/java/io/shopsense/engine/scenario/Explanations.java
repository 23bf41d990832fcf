package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Shop;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.rules.Scored;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import java.util.Set;

/**
 * Turns provenance (source and anchor) into a reason in words: "because you viewed Trail Runner 2",
 * "often bought with Tent 3P", "trending in Running Shoes", "new from a shop you like".
 */
final class Explanations {
  /** Sources that come from the shopper's own items and can name the item they came from. */
  static final Set<String> PERSONAL = Set.of("session", "itemknn", "als", "ease", "userknn", "bpr", "alswr");

  private Explanations() {}

  /** The reason for a result, in words. */
  static String reason(Scored s, CatalogView catalog, LiveView live) {
    String a = s.anchor();
    return switch (s.source()) {
      case "session", "itemknn", "als", "ease", "userknn", "bpr", "alswr" -> {
        Item it = catalog.item(a);
        if (it == null) yield "picked for you from what you browse and buy";
        if (live.profile().hasPurchased(a)) yield "because you bought " + it.title();
        if (live.profile().recentItems().contains(a)) yield "because you viewed " + it.title();
        yield "shoppers who viewed " + it.title() + " also viewed this";
      }
      case "content", "text" -> a != null && catalog.item(a) != null ? "similar to " + catalog.item(a).title() : "similar items";
      case "cobuy" -> catalog.item(a) != null ? "often bought with " + catalog.item(a).title() : "often bought together";
      case "complement" -> a != null ? "goes well with " + leaf(a) : "often bought together";
      case "trending" -> a != null ? "trending in " + leaf(a) : "trending now";
      case "popular" -> a != null ? "popular in " + leaf(a) : "popular right now";
      case "new" -> newReason(a, catalog);
      case "buy-again" -> a != null ? a : "time to buy again";
      case "shop-affinity" -> "a shop you visit often";
      case "covisit" -> {
        Shop sh = catalog.shop(a);
        yield "shoppers of " + (sh != null && sh.name() != null ? sh.name() : a) + " also visit";
      }
      case "promotion" -> a != null ? a : "a deal you can use";
      case "pinned" -> "featured";
      case "catalog" -> "new in the catalog";
      case "rank" -> a != null ? a : "ordered for you";
      default -> a != null ? a : s.source();
    };
  }

  private static String newReason(String a, CatalogView catalog) {
    if (a == null) return "new arrival";
    if (a.startsWith("shop:")) return "new from a shop you like";
    if (a.startsWith("brand:")) return "new from " + a.substring(6) + ", a brand you like";
    if (a.startsWith("category:")) return "new in " + leaf(a.substring(9));
    return "new arrival";
  }

  /** The last level of a category path ("Shoes>Running" -> "Running"). */
  static String leaf(String category) {
    int i = category.lastIndexOf('>');
    return i < 0 ? category : category.substring(i + 1);
  }

  /**
   * For a personal result without an anchor: the anchor item (of the session or recent items) it is
   * most similar to, through the item-kNN (else content) neighbour lists; the result unchanged when none.
   */
  static Scored anchored(Scored s, ModelSnapshot snap, Sources.Anchors anchors) {
    if (s.anchor() != null || !PERSONAL.contains(s.source()) || anchors.isEmpty()) return s;
    ItemNeighbourModel m = snap.itemKnn() != null ? snap.itemKnn() : snap.content();
    int x = snap.itemIndex(s.id());
    if (m == null || x < 0) return s;
    String best = null;
    double bestSim = 0;
    for (int t = 0; t < anchors.cols().length; t++) {
      int a = anchors.cols()[t];
      double sim = Math.max(simIn(m, a, x), simIn(m, x, a)) * anchors.weights()[t];
      if (sim > bestSim) {
        bestSim = sim;
        best = anchors.ids().get(t);
      }
    }
    return best == null ? s : new Scored(s.id(), s.score(), s.source(), best);
  }

  private static double simIn(ItemNeighbourModel m, int of, int target) {
    var l = m.lists();
    int[] idx = l.indices();
    for (int p = l.start(of); p < l.end(of); p++) if (idx[p] == target) return l.similarities()[p];
    return 0;
  }
}
