package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.engine.catalog.PromotionValue;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Promotions ranked by expected uplift for this shopper: {@code P(buy an eligible item) x value}.
 *
 * <ul>
 *   <li>Only promotions valid now ({@code starts <= now < ends}) whose budget is not used up. The
 *       spend is <b>approximate</b>: the training estimate (every eligible purchase during the
 *       validity counted as a redemption, an upper bound since the store does not record
 *       redemptions) plus the same for purchases ingested since;</li>
 *   <li>the shopper's likely purchases are the for-you candidates (or popular items for a cold
 *       start), weighted by rank ({@code 1 / (1 + r)}) and normalised to a distribution; P is the mass
 *       of the eligible ones (shop and category restrictions);</li>
 *   <li>the typical basket is the mean price of the shopper's purchases (else of the likely items)
 *       times {@code promotions.basket_items}; a minimum spend above {@code promotions.stretch}
 *       times that is out of reach and the promotion is dropped;</li>
 *   <li>value is the money off a basket of {@code max(typical, min_spend)} ({@link PromotionValue}).</li>
 * </ul>
 */
final class Promotions {
  private Promotions() {}

  static List<Scored> rank(Ctx c, List<Scored> likely, ToDoubleFunction<String> spent) {
    var cat = c.catalog();
    List<Item> items = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double total = 0;
    for (Scored s : likely) {
      Item it = cat.item(s.id());
      if (it == null) continue;
      double w = 1.0 / (1 + items.size());
      items.add(it);
      weights.add(w);
      total += w;
      if (items.size() >= 100) break;
    }
    double basket = typicalBasket(c, items) * c.settings().basketItems();
    List<Scored> out = new ArrayList<>();
    for (Promotion p : cat.promotions()) {
      if (!p.activeAt(c.now())) continue;
      if (p.budget() != null && spent.applyAsDouble(p.id()) >= p.budget()) continue;
      if (!c.rules().shops().isEmpty() && p.shop() != null && !c.rules().shops().contains(p.shop())) continue;
      if (!c.rules().categories().isEmpty() && p.category() != null
          && c.rules().categories().stream().noneMatch(x -> RuleEngine.within(p.category(), x) || RuleEngine.within(x, p.category()))) {
        continue;
      }
      if (p.minSpend() != null && basket > 0 && p.minSpend() > basket * c.settings().stretch()) continue;
      double mass = 0;
      for (int i = 0; i < items.size(); i++) if (p.covers(items.get(i))) mass += weights.get(i);
      double prob = total > 0 ? mass / total : 0;
      double value = PromotionValue.of(p, Math.max(basket, p.minSpend() == null ? 0 : p.minSpend()));
      double uplift = Math.max(prob, 1e-3) * value;
      out.add(new Scored(p.id(), uplift, "promotion", reason(c, p, value, prob)));
    }
    out.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score()) : x.id().compareTo(y.id()));
    return out.size() > c.n() ? out.subList(0, c.n()) : out;
  }

  private static double typicalBasket(Ctx c, List<Item> likely) {
    double sum = 0;
    int n = 0;
    for (String id : c.live().profile().purchases().keySet()) {
      Item it = c.catalog().item(id);
      if (it != null && it.price() > 0) {
        sum += it.price();
        n++;
      }
    }
    if (n == 0) {
      for (Item it : likely) {
        if (it.price() > 0) {
          sum += it.price();
          n++;
        }
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private static String reason(Ctx c, Promotion p, double value, double prob) {
    String where = p.shop() != null ? " at " + (c.catalog().shop(p.shop()) != null && c.catalog().shop(p.shop()).name() != null
        ? c.catalog().shop(p.shop()).name() : p.shop()) : p.category() != null ? " on " + Explanations.leaf(p.category()) : "";
    String save = String.format(Locale.ROOT, "save about %.2f%s", value, where);
    return prob >= 0.05 ? save + ", on things you are likely to buy" : save;
  }
}
