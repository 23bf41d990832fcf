package io.shopsense.engine.scenario;

import io.shopsense.core.model.Shop;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shops the shopper may like, as a first-class result: {@code affinity(s) + 0.8 x sum over the
 * shopper's five strongest shops t of affinity(t) x covisit(t, s)} (affinities relative to the
 * strongest; co-visitation is the cosine of two shops' visitor sets from training), plus
 * {@code 0.05 x} the shop's relative popularity so ties and cold starts follow popularity. The
 * rules' shop list and category prefixes (on the shop's category) filter. Every shop in the catalog
 * can be returned, so the list is never empty while there are shops.
 */
final class Shops {
  private Shops() {}

  static List<Scored> rank(Ctx c) {
    var live = c.live();
    Map<String, Double> score = new HashMap<>();
    Map<String, String[]> why = new HashMap<>(); // shop -> {source, anchor}
    double max = live.maxAffinity("shop");
    List<String> mine = new ArrayList<>();
    if (max > 0) {
      for (var e : live.profile().shops().entrySet()) {
        if (live.removedInterest("shop", e.getKey())) continue;
        double a = e.getValue() / max;
        score.merge(e.getKey(), a, Double::sum);
        why.put(e.getKey(), new String[] {"shop-affinity", null});
        if (mine.size() < 5) mine.add(e.getKey());
      }
    }
    Map<String, Double> bestVia = new HashMap<>();
    for (String t : mine) {
      double at = live.profile().shops().get(t) / max;
      Map<String, Float> cv = c.snap().stats().shopCovisit().get(t);
      if (cv == null) continue;
      for (var e : cv.entrySet()) {
        if (live.removedInterest("shop", e.getKey())) continue;
        double v = 0.8 * at * e.getValue();
        score.merge(e.getKey(), v, Double::sum);
        boolean own = why.containsKey(e.getKey()) && "shop-affinity".equals(why.get(e.getKey())[0]);
        if (!own && v > bestVia.getOrDefault(e.getKey(), 0.0)) {
          bestVia.put(e.getKey(), v);
          why.put(e.getKey(), new String[] {"covisit", t});
        }
      }
    }
    Map<String, Float> pop = c.snap().stats().shopPopularity();
    double maxPop = pop.values().stream().mapToDouble(Float::doubleValue).max().orElse(0);
    List<Scored> out = new ArrayList<>();
    for (Shop s : c.catalog().shops()) {
      if (!c.rules().shops().isEmpty() && !c.rules().shops().contains(s.id())) continue;
      if (!c.rules().categories().isEmpty() && c.rules().categories().stream().noneMatch(p -> RuleEngine.within(s.category(), p))) continue;
      if (live.removedInterest("shop", s.id())) continue;
      double p = maxPop > 0 ? 0.05 * pop.getOrDefault(s.id(), 0f) / maxPop : 0;
      String[] w = why.getOrDefault(s.id(), new String[] {"popular", null});
      out.add(new Scored(s.id(), score.getOrDefault(s.id(), 0.0) + p, w[0], w[1]));
    }
    out.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score()) : x.id().compareTo(y.id()));
    return out.size() > c.n() ? out.subList(0, c.n()) : out;
  }
}
