package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.TypeWeights;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.catalog.PromotionValue;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.popular.TrendWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link ItemStats} from the training columns:
 * <ul>
 *   <li><b>co-purchase associations</b> (Agrawal, Imielinski and Swami, "Mining association rules
 *       between sets of items in large databases", SIGMOD 1993): baskets are a shopper's purchases in
 *       one session (or, without session ids, purchases no more than {@code cobuy.basket_minutes}
 *       apart); for items a, b: support s(a,b) = baskets holding both, confidence = s(a,b) / s(a),
 *       lift = confidence / (s(b) / baskets). Pairs below {@code cobuy.min_support} are dropped and
 *       each item keeps its {@code cobuy.max_per_item} best by confidence. The same over leaf
 *       categories gives complementary categories (lift &gt; 1, other categories only);
 *   <li><b>re-purchases</b>: per item and leaf category, who bought the same item twice or more and
 *       the mean gap between consecutive purchases (gaps under a day are one order);
 *   <li><b>shop co-visitation</b>: cosine of two shops' visitor sets, top 20 per shop;
 *   <li>popularity (distinct shoppers), trend ({@link TrendWeights}), promotion spend, queries.
 * </ul>
 * Time O(events + baskets x basket size^2 + shoppers x shops^2), one counting sort by shopper.
 */
final class StatsBuilder {
  private static final long DAY = 86_400_000L;
  private static final int MAX_BASKET = 30;
  private static final int MAX_SHOPS_PER_USER = 30;
  private static final int MAX_QUERIES = 50_000;

  private final Config config;
  private final TypeWeights weights;
  private final TrainingData d;
  private final InteractionMatrix m;
  private final CatalogView catalog;
  private final int[] colOf; // TrainingData item -> matrix column, -1 when absent
  private final int[] byUser; // event rows grouped by user, append order within a user
  private final int[] userStart;

  StatsBuilder(Config config, TypeWeights weights, TrainingData d, InteractionMatrix m, CatalogView catalog) {
    this.config = config;
    this.weights = weights;
    this.d = d;
    this.m = m;
    this.catalog = catalog;
    colOf = new int[d.items.size()];
    for (int i = 0; i < colOf.length; i++) colOf[i] = m.colIds().get(d.items.id(i));
    int nu = d.users.size();
    userStart = new int[nu + 1];
    for (int r = 0; r < d.n; r++) userStart[d.user[r] + 1]++;
    for (int u = 0; u < nu; u++) userStart[u + 1] += userStart[u];
    int[] fill = Arrays.copyOf(userStart, nu);
    byUser = new int[d.n];
    for (int r = 0; r < d.n; r++) byUser[fill[d.user[r]]++] = r;
  }

  ItemStats build() {
    int ni = m.cols();
    float[] popularity = new float[ni];
    for (int c : m.colIndex()) popularity[c]++;
    float[] trend = trend();
    Basket b = baskets();
    Repurchase rp = repurchases();
    Map<String, Map<String, Float>> covisit = new LinkedHashMap<>();
    Map<String, Float> shopPop = new LinkedHashMap<>();
    shops(covisit, shopPop);
    return new ItemStats(popularity, trend, b.items, b.categories, rp.days, rp.users, rp.categories, covisit, shopPop,
        promotionSpend(), queries());
  }

  private float[] trend() {
    TrendWeights tw = new TrendWeights(config, m.colIds(), d.newest == Long.MIN_VALUE ? 0 : d.newest);
    for (int r = 0; r < d.n; r++) {
      int i = d.item[r];
      if (i >= 0 && colOf[i] >= 0) tw.add(colOf[i], weights.weight(d.type[r]), d.time[r]);
    }
    return tw.weights();
  }

  /** Purchase rows of user u sorted by time. */
  private int[] purchases(int u) {
    int c = 0;
    for (int p = userStart[u]; p < userStart[u + 1]; p++) if (d.type[byUser[p]] == EventType.PURCHASE.ordinal()) c++;
    Integer[] rows = new Integer[c];
    c = 0;
    for (int p = userStart[u]; p < userStart[u + 1]; p++) {
      int r = byUser[p];
      if (d.type[r] == EventType.PURCHASE.ordinal() && d.item[r] >= 0) rows[c++] = r;
    }
    rows = Arrays.copyOf(rows, c);
    Arrays.sort(rows, Comparator.comparingLong(r -> d.time[r]));
    return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
  }

  private record Basket(Links items, Map<String, Map<String, Float>> categories) {}

  private Basket baskets() {
    int minSupport = Params.intIn(config, "cobuy.min_support", 1, 1_000_000);
    int maxPer = Params.intIn(config, "cobuy.max_per_item", 1, 10_000);
    long gap = Params.intIn(config, "cobuy.basket_minutes", 1, 1_000_000) * 60_000L;
    int ni = m.cols();
    int[] itemBaskets = new int[ni];
    Map<Long, int[]> pairs = new HashMap<>();
    Map<String, Integer> catBaskets = new HashMap<>();
    Map<String, Integer> catPairs = new HashMap<>();
    int baskets = 0;
    List<Integer> basket = new ArrayList<>();
    for (int u = 0; u < d.users.size(); u++) {
      int[] rows = purchases(u);
      int s = 0;
      while (s < rows.length) {
        int e = s + 1;
        while (e < rows.length && sameBasket(rows[e - 1], rows[e], gap)) e++;
        basket.clear();
        for (int k = s; k < e && basket.size() < MAX_BASKET; k++) {
          int c = colOf[d.item[rows[k]]];
          if (c >= 0 && !basket.contains(c)) basket.add(c);
        }
        s = e;
        if (basket.isEmpty()) continue;
        baskets++;
        List<String> cats = new ArrayList<>();
        for (int a : basket) {
          itemBaskets[a]++;
          Item it = catalog.item(m.colIds().id(a));
          if (it != null && it.category() != null && !cats.contains(it.category())) cats.add(it.category());
          for (int bb : basket) if (a != bb) pairs.computeIfAbsent(((long) a << 32) | bb, k -> new int[1])[0]++;
        }
        for (String a : cats) {
          catBaskets.merge(a, 1, Integer::sum);
          for (String c : cats) if (!a.equals(c)) catPairs.merge(a + '\u0000' + c, 1, Integer::sum);
        }
      }
    }
    // item rules, grouped by antecedent
    List<long[]> rules = new ArrayList<>(); // {a, b, support}
    for (var e : pairs.entrySet()) {
      int s = e.getValue()[0];
      if (s >= minSupport) rules.add(new long[] {e.getKey() >>> 32, e.getKey() & 0xffffffffL, s});
    }
    final int nb = baskets;
    rules.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
        : y[2] != x[2] ? Long.compare(y[2], x[2]) : Long.compare(x[1], y[1]));
    int[] ptr = new int[ni + 1];
    List<long[]> kept = new ArrayList<>();
    for (int i = 0; i < rules.size(); ) {
      int a = (int) rules.get(i)[0];
      int j = i;
      while (j < rules.size() && rules.get(j)[0] == a) j++;
      for (int k = i; k < Math.min(j, i + maxPer); k++) kept.add(rules.get(k));
      ptr[a + 1] = Math.min(j - i, maxPer);
      i = j;
    }
    for (int i = 0; i < ni; i++) ptr[i + 1] += ptr[i];
    int[] target = new int[kept.size()];
    float[] conf = new float[kept.size()], lift = new float[kept.size()], sup = new float[kept.size()];
    for (int k = 0; k < kept.size(); k++) {
      long[] r = kept.get(k);
      int a = (int) r[0], bb = (int) r[1];
      target[k] = bb;
      conf[k] = (float) r[2] / itemBaskets[a];
      lift[k] = (float) (conf[k] / ((double) itemBaskets[bb] / nb));
      sup[k] = r[2];
    }
    Map<String, Map<String, Float>> cats = new LinkedHashMap<>();
    Map<String, List<Map.Entry<String, Float>>> tmp = new HashMap<>();
    for (var e : catPairs.entrySet()) {
      String[] ab = e.getKey().split("\u0000", 2);
      double confidence = (double) e.getValue() / catBaskets.get(ab[0]);
      double l = confidence / ((double) catBaskets.get(ab[1]) / nb);
      if (l > 1 && e.getValue() >= minSupport) tmp.computeIfAbsent(ab[0], k -> new ArrayList<>()).add(Map.entry(ab[1], (float) l));
    }
    tmp.forEach((a, l) -> {
      l.sort((x, y) -> Float.compare(y.getValue(), x.getValue()));
      Map<String, Float> top = new LinkedHashMap<>();
      for (var e : l.subList(0, Math.min(10, l.size()))) top.put(e.getKey(), e.getValue());
      cats.put(a, top);
    });
    return new Basket(new Links(ptr, target, conf, lift, sup), cats);
  }

  private boolean sameBasket(int prev, int next, long gap) {
    int sp = d.session[prev], sn = d.session[next];
    if (sp >= 0 && sn >= 0) return sp == sn;
    return d.time[next] - d.time[prev] <= gap;
  }

  private record Repurchase(float[] days, int[] users, Map<String, float[]> categories) {}

  private Repurchase repurchases() {
    int ni = m.cols();
    double[] gapSum = new double[ni];
    int[] gapCount = new int[ni];
    int[] rebuyers = new int[ni];
    Map<String, double[]> cat = new HashMap<>(); // {buyers, rebuyers, gap sum, gaps}
    Map<Integer, long[]> last = new HashMap<>(); // column -> {count, last time}
    for (int u = 0; u < d.users.size(); u++) {
      last.clear();
      for (int r : purchases(u)) {
        int c = colOf[d.item[r]];
        if (c < 0) continue;
        long[] l = last.get(c);
        if (l == null) {
          last.put(c, new long[] {1, d.time[r]});
          continue;
        }
        long g = d.time[r] - l[1];
        if (g < DAY) continue; // same order, or a correction
        l[0]++;
        l[1] = d.time[r];
        gapSum[c] += g / (double) DAY;
        gapCount[c]++;
        Item it = catalog.item(m.colIds().id(c));
        if (it != null && it.category() != null) {
          double[] a = cat.computeIfAbsent(it.category(), k -> new double[4]);
          a[2] += g / (double) DAY;
          a[3]++;
        }
      }
      java.util.Set<String> bought = new java.util.HashSet<>();
      java.util.Set<String> rebought = new java.util.HashSet<>();
      for (var e : last.entrySet()) {
        if (e.getValue()[0] >= 2) rebuyers[e.getKey()]++;
        Item it = catalog.item(m.colIds().id(e.getKey()));
        if (it == null || it.category() == null) continue;
        bought.add(it.category());
        if (e.getValue()[0] >= 2) rebought.add(it.category());
      }
      for (String c : bought) cat.computeIfAbsent(c, k -> new double[4])[0]++;
      for (String c : rebought) cat.get(c)[1]++;
    }
    float[] days = new float[ni];
    for (int i = 0; i < ni; i++) days[i] = gapCount[i] == 0 ? Float.NaN : (float) (gapSum[i] / gapCount[i]);
    Map<String, float[]> cats = new LinkedHashMap<>();
    cat.forEach((k, a) -> cats.put(k, new float[] {a[0] == 0 ? 0 : (float) (a[1] / a[0]),
        a[3] == 0 ? Float.NaN : (float) (a[2] / a[3])}));
    return new Repurchase(days, rebuyers, cats);
  }

  private void shops(Map<String, Map<String, Float>> covisit, Map<String, Float> shopPop) {
    Map<String, Integer> visitors = new HashMap<>();
    Map<String, Integer> pairs = new HashMap<>();
    Map<String, Double> w = new HashMap<>();
    for (int u = 0; u < d.users.size(); u++) {
      w.clear();
      for (int p = userStart[u]; p < userStart[u + 1]; p++) {
        int r = byUser[p];
        if (d.item[r] < 0 || weights.weight(d.type[r]) <= 0) continue;
        Item it = catalog.item(d.items.id(d.item[r]));
        if (it != null && it.shop() != null) w.merge(it.shop(), weights.weight(d.type[r]), Double::sum);
      }
      if (w.isEmpty()) continue;
      List<String> shops = new ArrayList<>(w.keySet());
      shops.sort((a, b) -> Double.compare(w.get(b), w.get(a)));
      if (shops.size() > MAX_SHOPS_PER_USER) shops = shops.subList(0, MAX_SHOPS_PER_USER);
      for (String a : shops) {
        visitors.merge(a, 1, Integer::sum);
        for (String b : shops) if (a.compareTo(b) < 0) pairs.merge(a + '\u0000' + b, 1, Integer::sum);
      }
    }
    Map<String, List<Map.Entry<String, Float>>> lists = new HashMap<>();
    for (var e : pairs.entrySet()) {
      if (e.getValue() < 2) continue;
      String[] ab = e.getKey().split("\u0000", 2);
      float cos = (float) (e.getValue() / Math.sqrt((double) visitors.get(ab[0]) * visitors.get(ab[1])));
      lists.computeIfAbsent(ab[0], k -> new ArrayList<>()).add(Map.entry(ab[1], cos));
      lists.computeIfAbsent(ab[1], k -> new ArrayList<>()).add(Map.entry(ab[0], cos));
    }
    lists.forEach((a, l) -> {
      l.sort((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey())
          : Float.compare(y.getValue(), x.getValue()));
      Map<String, Float> top = new LinkedHashMap<>();
      for (var e : l.subList(0, Math.min(20, l.size()))) top.put(e.getKey(), e.getValue());
      covisit.put(a, top);
    });
    visitors.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
        .forEach(e -> shopPop.put(e.getKey(), (float) e.getValue()));
  }

  /** Money off every eligible purchase in each budgeted promotion's validity (an upper bound of the spend). */
  private Map<String, Double> promotionSpend() {
    Map<String, Double> spend = new LinkedHashMap<>();
    List<Promotion> budgeted = catalog.promotions().stream().filter(p -> p.budget() != null).toList();
    if (budgeted.isEmpty()) return spend;
    for (int r = 0; r < d.n; r++) {
      if (d.type[r] != EventType.PURCHASE.ordinal() || d.item[r] < 0) continue;
      Item it = catalog.item(d.items.id(d.item[r]));
      if (it == null) continue;
      double basket = it.price() * quantity(d.value[r]);
      for (Promotion p : budgeted) {
        if (p.activeAt(d.time[r]) && p.covers(it)) spend.merge(p.id(), PromotionValue.of(p, basket), Double::sum);
      }
    }
    return spend;
  }

  /** A purchase's quantity: its value when a whole number 1..1000, else 1. */
  static double quantity(float v) {
    return v >= 1 && v <= 1000 && v == Math.rint(v) ? v : 1;
  }

  private List<QueryStat> queries() {
    List<QueryStat> out = new ArrayList<>();
    d.queries.forEach((q, a) -> {
      String cat = a.categories.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
          .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
      out.add(new QueryStat(q, a.users.size(), a.count, cat));
    });
    out.sort((x, y) -> x.count() != y.count() ? Integer.compare(y.count(), x.count()) : x.query().compareTo(y.query()));
    return out.size() > MAX_QUERIES ? List.copyOf(out.subList(0, MAX_QUERIES)) : List.copyOf(out);
  }
}
