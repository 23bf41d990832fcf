package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import io.shopsense.engine.snapshot.ItemStats;
import io.shopsense.engine.snapshot.Links;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Complements of the anchor items (the request's item and cart, else the live cart, else the last
 * session item): for each candidate b, {@code sum over anchors a of confidence(a -> b) x (1 +
 * ln lift(a -> b))} from the co-purchase rules mined at training (lift above 1 only, so merely
 * popular items do not pass). Substitutes are excluded: items in the same leaf category as any
 * anchor. Fallbacks: popular items of the anchors' complementary categories (category-level
 * rules), then popular items of other categories.
 */
final class BoughtTogether {
  private BoughtTogether() {}

  /** The anchor item ids, in order. */
  static List<String> anchors(Ctx c) {
    List<String> a = new ArrayList<>();
    if (c.request().item() != null) a.add(c.request().item());
    if (c.request().cart() != null) for (String id : c.request().cart()) if (!a.contains(id)) a.add(id);
    if (a.isEmpty()) a.addAll(c.live().cart());
    if (a.isEmpty() && c.live().profile().session() != null && !c.live().profile().session().items().isEmpty()) {
      List<String> s = c.live().profile().session().items();
      a.add(s.get(s.size() - 1));
    }
    return a;
  }

  static List<Scored> candidates(Ctx c, List<String> anchors) {
    Set<String> anchorCats = new HashSet<>();
    for (String id : anchors) {
      Item it = c.catalog().item(id);
      if (it != null && it.category() != null) anchorCats.add(it.category());
    }
    Set<String> anchorSet = new HashSet<>(anchors);
    IntPredicate base = Sources.eligible(c, true);
    IntPredicate ok = i -> base.test(i) && !anchorSet.contains(c.snap().itemId(i)) && !anchorCats.contains(c.item(i).category());
    ItemStats st = c.snap().stats();
    Links links = st.cobuy();
    Map<Integer, double[]> acc = new HashMap<>(); // col -> {score, best contribution, anchor index}
    for (int t = 0; t < anchors.size(); t++) {
      int a = c.snap().itemIndex(anchors.get(t));
      if (a < 0) continue;
      for (int p = links.start(a); p < links.end(a); p++) {
        int b = links.target(p);
        if (links.lift(p) <= 1 || !ok.test(b)) continue;
        double v = links.confidence(p) * (1 + Math.log(links.lift(p)));
        double[] x = acc.computeIfAbsent(b, k -> new double[] {0, -1, -1});
        x[0] += v;
        if (v > x[1]) {
          x[1] = v;
          x[2] = t;
        }
      }
    }
    List<Scored> rules = new ArrayList<>();
    acc.forEach((b, x) -> rules.add(new Scored(c.snap().itemId(b), x[0], "cobuy", anchors.get((int) x[2]))));
    rules.sort((x, y) -> Double.compare(y.score(), x.score()));
    Blend blend = new Blend();
    List<Scored> normalised = new ArrayList<>();
    double m = Math.max(c.pool(), rules.size());
    for (int r = 0; r < rules.size(); r++) normalised.add(rules.get(r).withScore(1 - r / m));
    blend.add(normalised, 1);
    complements(c, blend, anchorCats, ok);
    Sources.fallbacks(c, blend, null, ok);
    return blend.result();
  }

  /** Popular items of the categories that complement the anchors' categories. */
  private static void complements(Ctx c, Blend blend, Set<String> anchorCats, IntPredicate ok) {
    Map<String, Float> lift = new HashMap<>();
    Map<String, String> from = new HashMap<>();
    for (String cat : anchorCats) {
      Map<String, Float> m = c.snap().stats().categoryCobuy().get(cat);
      if (m == null) continue;
      m.forEach((k, v) -> {
        if (v > lift.getOrDefault(k, 0f)) {
          lift.put(k, v);
          from.put(k, cat);
        }
      });
    }
    if (lift.isEmpty()) return;
    float[] pop = c.snap().stats().popularity();
    float[] s = new float[pop.length];
    for (int i = 0; i < pop.length; i++) {
      Item it = c.item(i);
      Float l = it == null ? null : lift.get(it.category());
      s[i] = l == null ? 0 : (float) (Math.log1p(pop[i]) * l);
    }
    List<Scored> top = Sources.top(c, s, c.pool(), "complement", ok);
    List<Scored> anchored = new ArrayList<>(top.size());
    for (Scored x : top) anchored.add(new Scored(x.id(), x.score(), x.source(), from.get(c.catalog().item(x.id()).category())));
    blend.fallback(anchored);
  }
}
