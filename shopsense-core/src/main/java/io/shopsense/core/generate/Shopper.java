package io.shopsense.core.generate;

import io.shopsense.core.model.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic shopper's hidden tastes: favourite categories with weights, favourite brands within
 * them, a price band relative to each category's median, favourite shops, a main channel, a query
 * language, an activity level (heavy-tailed) and the consumables re-bought at a personal interval.
 * Written to {@code truth.jsonl} so evaluations can check what personalization recovered.
 */
final class Shopper {
  /** Where in a category's price range the shopper feels at home. */
  enum PriceBand {
    BUDGET(0.6), MID(1.0), PREMIUM(1.8);

    final double logTarget;

    PriceBand(double ratioToMedian) {
      this.logTarget = Math.log(ratioToMedian);
    }

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final int index;
  final String id;
  final int[] categories;
  final double[] weights;
  final int[] brands; // global brand ids, sorted
  final PriceBand band;
  final Channel channel;
  final int lang;
  final int[] shops; // sorted
  final int[] consumables; // category indexes
  final double[] intervalDays;
  final double activity;
  final int joinDay;
  final int firstDay;

  private Shopper(int index, String id, int[] categories, double[] weights, int[] brands, PriceBand band, Channel channel,
      int lang, int[] shops, int[] consumables, double[] intervalDays, double activity, int joinDay, int firstDay) {
    this.index = index;
    this.id = id;
    this.categories = categories;
    this.weights = weights;
    this.brands = brands;
    this.band = band;
    this.channel = channel;
    this.lang = lang;
    this.shops = shops;
    this.consumables = consumables;
    this.intervalDays = intervalDays;
    this.activity = activity;
    this.joinDay = joinDay;
    this.firstDay = firstDay;
  }

  /** Draws shopper {@code u}'s tastes from its own stream, so shoppers do not depend on each other. */
  static Shopper create(Catalog c, int u, int count, long seed, int days) {
    SplittableRandom r = Rand.stream(seed, 1_000_000L + u);
    List<Taxonomy.Category> cats = c.tax.categories;
    double[] catWeights = cats.stream().mapToDouble(Taxonomy.Category::weight).toArray();
    double pick = r.nextDouble();
    int k = pick < 0.3 ? 1 : pick < 0.75 ? 2 : 3;
    List<Integer> chosen = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    while (chosen.size() < k) {
      int cat = Rand.weighted(r, catWeights);
      if (!chosen.contains(cat)) {
        chosen.add(cat);
        w.add(Rand.lognormal(r, 0, 0.5));
      }
    }
    w.sort((a, b) -> Double.compare(b, a)); // the first category is the strongest
    boolean hasConsumable = chosen.stream().anyMatch(x -> cats.get(x).consumable());
    if (!hasConsumable && Rand.chance(r, 0.35)) { // a side habit: coffee, diapers, pet food...
      int[] cons = cats.stream().filter(Taxonomy.Category::consumable).mapToInt(Taxonomy.Category::index).toArray();
      chosen.add(cons[r.nextInt(cons.length)]);
      w.add(w.get(w.size() - 1) * 0.35);
    }
    double total = w.stream().mapToDouble(Double::doubleValue).sum();
    double[] weights = new double[chosen.size()];
    for (int i = 0; i < weights.length; i++) weights[i] = w.get(i) / total;
    List<Integer> brands = new ArrayList<>();
    for (int cat : chosen) {
      int[] cb = cats.get(cat).brands();
      double[] z = Rand.zipf(cb.length, 0.4); // favourites are spread wider than sales, so they carry signal
      int nb = Rand.chance(r, 0.6) ? 1 : 2;
      for (int j = 0; j < nb; j++) {
        int b = cb[Rand.weighted(r, z)];
        if (!brands.contains(b)) brands.add(b);
      }
    }
    double bp = r.nextDouble();
    PriceBand band = bp < 0.35 ? PriceBand.BUDGET : bp < 0.8 ? PriceBand.MID : PriceBand.PREMIUM;
    double cp = r.nextDouble();
    Channel channel = cp < 0.55 ? Channel.APP : cp < 0.85 ? Channel.WEB : Channel.MINI;
    int lang = Rand.chance(r, 0.35) ? Word.ZH : Word.EN;
    List<Integer> shops = new ArrayList<>();
    int nShops = 1 + r.nextInt(2);
    for (int j = 0; j < nShops; j++) { // a shop selling a favourite category, likelier when it sells more
      int[] pool = c.byCategory[chosen.get(Math.min(j, chosen.size() - 1))];
      int s = c.shop[pool[r.nextInt(pool.length)]];
      if (!shops.contains(s)) shops.add(s);
    }
    List<Integer> cons = new ArrayList<>();
    List<Double> intervals = new ArrayList<>();
    for (int cat : chosen) {
      if (cats.get(cat).consumable()) {
        cons.add(cat);
        intervals.add(Math.round(cats.get(cat).consumableDays() * Rand.lognormal(r, 0, 0.25) * 10) / 10.0);
      }
    }
    double activity = Rand.lognormal(r, 0, 1.1);
    int joinDay = Rand.chance(r, 0.85) ? 0 : 1 + r.nextInt(days - 1);
    int firstDay = joinDay == 0 ? r.nextInt(Math.min(14, days)) : joinDay;
    return new Shopper(u, Rand.id("u", u, count), ints(chosen), weights, sorted(ints(brands)), band, channel, lang,
        sorted(ints(shops)), ints(cons), intervals.stream().mapToDouble(Double::doubleValue).toArray(), activity,
        joinDay, firstDay);
  }

  /** Weight of a category in the tastes (0 when it is not a favourite). */
  double categoryWeight(int category) {
    for (int i = 0; i < categories.length; i++) if (categories[i] == category) return weights[i];
    return 0;
  }

  /** A favourite category, drawn by weight. */
  int drawCategory(SplittableRandom r) {
    return categories[Rand.weighted(r, weights)];
  }

  boolean likesBrand(int brand) {
    return contains(brands, brand);
  }

  boolean likesShop(int shop) {
    return contains(shops, shop);
  }

  /** Linear scan: the arrays hold a handful of ids, where this beats a binary search. */
  private static boolean contains(int[] a, int x) {
    for (int v : a) if (v == x) return true;
    return false;
  }

  /**
   * How much the shopper likes an item, category aside (log scale): favourite brand, price near
   * the band, favourite shop, own language, and the item's general appeal. This is what makes a
   * personalized ranking beat a text ranking on the logged searches.
   */
  double fit(Catalog c, int item) {
    double f = 0;
    if (likesBrand(c.brand[item])) f += 2.0;
    double d = Math.log(c.priceRatio[item]) - band.logTarget;
    f += 3.0 * Math.exp(-d * d / (2 * 0.4 * 0.4)) - 1.4;
    if (likesShop(c.shop[item])) f += 0.8;
    if (c.lang[item] == lang) f += 0.3;
    return f + 0.3 * Math.log(c.popularity[item]);
  }

  /** Fit squashed to (0,1), centred so an ordinary item is around 0.3. */
  double affinity(Catalog c, int item) {
    return 1 / (1 + Math.exp(-(fit(c, item) - 1.0)));
  }

  private static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] sorted(int[] a) {
    Arrays.sort(a);
    return a;
  }
}
