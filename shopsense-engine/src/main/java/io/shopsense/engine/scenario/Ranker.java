package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Personalised order of a given list (a category page): for each item, the collaborative and
 * session scores (each divided by its maximum over the list), plus the shopper's category, brand,
 * shop and price-band affinities (relative to their strongest, weights 1, 0.5, 0.5, 0.3), plus
 * {@code 0.01 x} relative popularity as the tie-breaker; a cold-start shopper gets popularity order.
 * Nothing is dropped: the same ids come back.
 */
final class Ranker {
  private Ranker() {}

  static List<Scored> rank(Ctx c, List<String> ids) {
    int m = ids.size();
    double[] total = new double[m];
    String[] source = new String[m];
    double[] best = new double[m];
    int[] cols = new int[m];
    for (int i = 0; i < m; i++) cols[i] = c.snap().itemIndex(ids.get(i));
    Sources.Anchors anchors = Sources.anchors(c);
    Map<String, float[]> arrays = Sources.collaborative(c);
    float[] session = Sources.session(c, anchors);
    if (session != null) arrays.put("session", session);
    if (c.row() < 0) {
      float[] fold = Sources.foldIn(c, anchors);
      if (fold != null) arrays.put("als", fold);
    }
    for (var e : arrays.entrySet()) {
      float[] s = e.getValue();
      double max = 0;
      for (int col : cols) if (col >= 0) max = Math.max(max, s[col]);
      if (max <= 0) continue;
      for (int i = 0; i < m; i++) if (cols[i] >= 0) contribute(total, best, source, i, s[cols[i]] / max / arrays.size(), e.getKey());
    }
    var live = c.live();
    double mc = live.maxAffinity("category"), mb = live.maxAffinity("brand"), ms = live.maxAffinity("shop"),
        mp = live.maxAffinity("price_band");
    float[] pop = c.snap().stats().popularity();
    double maxPop = 0;
    for (int col : cols) if (col >= 0) maxPop = Math.max(maxPop, pop[col]);
    for (int i = 0; i < m; i++) {
      Item it = c.catalog().item(ids.get(i));
      if (mc > 0) contribute(total, best, source, i, live.affinity("category", it.category()) / mc, "you often look at " + Explanations.leaf(String.valueOf(it.category())));
      if (mb > 0) contribute(total, best, source, i, 0.5 * live.affinity("brand", it.brand()) / mb, "you often buy " + it.brand());
      if (ms > 0) contribute(total, best, source, i, 0.5 * live.affinity("shop", it.shop()) / ms, "from a shop you like");
      String band = c.catalog().priceBands().band(it);
      if (mp > 0 && band != null) contribute(total, best, source, i, 0.3 * live.affinity("price_band", band) / mp, "in your usual price range");
      if (maxPop > 0 && cols[i] >= 0) contribute(total, best, source, i, 0.01 * pop[cols[i]] / maxPop, "popular");
    }
    List<Scored> out = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      String src = source[i] == null ? "popular" : source[i];
      boolean personal = Explanations.PERSONAL.contains(src);
      Scored s = new Scored(ids.get(i), total[i], personal ? src : "rank", personal ? null : src);
      out.add(s);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) order.add(i);
    order.sort((a, b) -> total[a] != total[b] ? Double.compare(total[b], total[a]) : Integer.compare(a, b));
    List<Scored> sorted = new ArrayList<>(m);
    for (int i : order) sorted.add(out.get(i));
    return sorted;
  }

  private static void contribute(double[] total, double[] best, String[] source, int i, double v, String why) {
    if (!(v > 0)) return;
    total[i] += v;
    if (v > best[i]) {
      best[i] = v;
      source[i] = why;
    }
  }
}
