package io.shopsense.core.generate;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Shop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic catalog: shops specialised in a few categories, each with a quality and a price
 * level, and items whose brand, price (log-normal around the category median, times the shop's and
 * the brand's price level), attributes, language (a third Chinese) and arrival time are drawn from
 * the seed. Item ids follow arrival order. Besides the {@link Item} records it keeps the hidden
 * per-item facts the behaviour model needs (popularity, price ratio to the median, the words of the
 * title) in flat arrays.
 */
final class Catalog {
  static final double ZH_SHARE = 1.0 / 3;
  static final double NEW_ARRIVAL_SHARE = 0.2;
  private static final long DAY = 86_400_000L;

  final Taxonomy tax;
  // shops
  final Shop[] shops;
  final double[] shopQuality;
  final int[][] shopCategories;
  final int[][] itemsByShop;
  // items (index = id order = arrival order)
  final Item[] items;
  final int[] cat, brand, shop, lang, audience, style1, style2, titleValue;
  final double[] priceRatio, popularity;
  final long[] created;
  final boolean[] inStock;
  // per category: item indexes in arrival order, their arrival times and cumulative popularity
  final int[][] byCategory;
  final long[][] createdByCategory;
  final double[][] cumPopularity;

  private Catalog(Taxonomy tax, int shopCount, int n) {
    this.tax = tax;
    shops = new Shop[shopCount];
    shopQuality = new double[shopCount];
    shopCategories = new int[shopCount][];
    itemsByShop = new int[shopCount][];
    items = new Item[n];
    cat = new int[n];
    brand = new int[n];
    shop = new int[n];
    lang = new int[n];
    audience = new int[n];
    style1 = new int[n];
    style2 = new int[n];
    titleValue = new int[n];
    priceRatio = new double[n];
    popularity = new double[n];
    created = new long[n];
    inStock = new boolean[n];
    int c = tax.categories.size();
    byCategory = new int[c][];
    createdByCategory = new long[c][];
    cumPopularity = new double[c][];
  }

  /** About 50 shops for 2k items and 300 for 20k. */
  static int shopCount(int items) {
    return (int) Math.max(5, Math.round(50 * Math.pow(items / 2000.0, 0.78)));
  }

  static Catalog build(Taxonomy tax, GeneratorSpec spec, long start, long end) {
    int nShops = shopCount(spec.items());
    Catalog c = new Catalog(tax, nShops, spec.items());
    SplittableRandom r = Rand.stream(spec.seed(), 1);
    double[] shopPrice = new double[nShops];
    double[] shopStock = new double[nShops];
    double[] shopSize = new double[nShops];
    c.buildShops(r, start, shopPrice, shopStock, shopSize);
    c.buildItems(r, spec.items(), start, end, shopPrice, shopStock, shopSize);
    return c;
  }

  private void buildShops(SplittableRandom r, long start, double[] shopPrice, double[] shopStock, double[] shopSize) {
    List<Taxonomy.Category> cats = tax.categories;
    int nc = cats.size(), ns = shops.length;
    double[] catWeights = cats.stream().mapToDouble(Taxonomy.Category::weight).toArray();
    int[] order = permutation(r, nc); // the first shops cover every category once
    Set<String> names = new HashSet<>();
    for (int s = 0; s < ns; s++) {
      int main = s < nc ? order[s] : Rand.weighted(r, catWeights);
      List<Integer> specs = new ArrayList<>(List.of(main));
      int extras = r.nextInt(3);
      for (int k = 0; k < extras; k++) {
        int e = Rand.chance(r, 0.7) ? sameTop(r, main) : Rand.weighted(r, catWeights);
        if (!specs.contains(e)) specs.add(e);
      }
      shopCategories[s] = specs.stream().mapToInt(Integer::intValue).toArray();
      shopQuality[s] = Rand.lognormal(r, 0, 0.35);
      shopPrice[s] = Rand.lognormal(r, 0, 0.15);
      shopStock[s] = 0.88 + 0.1 * r.nextDouble();
      shopSize[s] = Rand.lognormal(r, 0, 0.8);
      Word top = cats.get(main).top();
      int nameLang = Rand.chance(r, ZH_SHARE) ? Word.ZH : Word.EN;
      String name = shopName(r, nameLang, top);
      for (int k = 2; !names.add(name); k++) name = shopName(r, nameLang, top) + (nameLang == Word.ZH ? "" : " ") + k;
      long created = start - (30 + r.nextInt(1065)) * DAY - r.nextInt(86_400) * 1000L;
      shops[s] = new Shop(Rand.id("s", s, ns), name, top.en(), created);
    }
    if (ns < nc) { // too few shops to cover every category by its main one
      for (int cIdx = 0; cIdx < nc; cIdx++) {
        if (shopsOf(cIdx).length == 0) {
          int s = cIdx % ns;
          shopCategories[s] = Arrays.copyOf(shopCategories[s], shopCategories[s].length + 1);
          shopCategories[s][shopCategories[s].length - 1] = cIdx;
        }
      }
    }
  }

  private String shopName(SplittableRandom r, int nameLang, Word top) {
    Word prefix = Rand.pick(r, tax.shopPrefixes), suffix = Rand.pick(r, tax.shopSuffixes);
    return nameLang == Word.ZH ? prefix.zh() + top.zh() + suffix.zh() : prefix.en() + " " + top.en() + " " + suffix.en();
  }

  private int sameTop(SplittableRandom r, int category) {
    Word top = tax.categories.get(category).top();
    List<Integer> same = new ArrayList<>();
    for (Taxonomy.Category c : tax.categories) if (c.top().equals(top)) same.add(c.index());
    return Rand.pick(r, same);
  }

  private int[] shopsOf(int category) {
    return java.util.stream.IntStream.range(0, shops.length)
        .filter(s -> Arrays.stream(shopCategories[s]).anyMatch(x -> x == category)).toArray();
  }

  private void buildItems(SplittableRandom r, int n, long start, long end, double[] shopPrice, double[] shopStock,
      double[] shopSize) {
    List<Taxonomy.Category> cats = tax.categories;
    int nc = cats.size();
    int[] perCategory = allocate(cats.stream().mapToDouble(Taxonomy.Category::weight).toArray(), n);
    int[] assign = new int[n];
    for (int c = 0, k = 0; c < nc; c++) for (int j = 0; j < perCategory[c]; j++) assign[k++] = c;
    shuffle(r, assign);
    long[] times = new long[n];
    long before = 365 * DAY;
    for (int i = 0; i < n; i++) {
      long t = Rand.chance(r, NEW_ARRIVAL_SHARE)
          ? start + (long) (r.nextDouble() * (end - start - DAY))
          : start - 1000 - (long) (r.nextDouble() * before);
      times[i] = t / 1000 * 1000;
    }
    Arrays.sort(times);
    double[] brandPrice = new double[tax.brands.size()];
    for (int b = 0; b < brandPrice.length; b++) brandPrice[b] = Rand.lognormal(r, 0, 0.25);
    int[][] catShops = new int[nc][];
    double[][] catShopWeights = new double[nc][];
    for (int c = 0; c < nc; c++) {
      catShops[c] = shopsOf(c);
      catShopWeights[c] = Arrays.stream(catShops[c]).mapToDouble(s -> shopSize[s]).toArray();
    }
    List<List<Integer>> shopItems = new ArrayList<>();
    for (int s = 0; s < shops.length; s++) shopItems.add(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      int c = assign[i];
      Taxonomy.Category cat = cats.get(c);
      int s = catShops[c][Rand.weighted(r, catShopWeights[c])];
      int b = cat.brands()[Rand.weighted(r, Rand.zipf(cat.brands().length, 0.8))];
      int l = Rand.chance(r, ZH_SHARE) ? Word.ZH : Word.EN;
      int aud = cat.audiences().isEmpty() ? -1 : r.nextInt(cat.audiences().size());
      int st1 = r.nextInt(cat.styles().size());
      int st2 = (st1 + 1 + r.nextInt(cat.styles().size() - 1)) % cat.styles().size();
      Word[] values = new Word[cat.attributes().size()];
      Map<String, String> attrs = new LinkedHashMap<>();
      int tv = 0;
      for (int a = 0; a < values.length; a++) {
        Taxonomy.Attribute at = cat.attributes().get(a);
        int v = r.nextInt(at.values().size());
        if (a == 0) tv = v;
        values[a] = at.values().get(v);
        attrs.put(at.name(), values[a].en());
      }
      attrs.put("style", cat.styles().get(st1).en().toLowerCase(java.util.Locale.ROOT));
      double ratio = Math.exp(cat.sigma() * r.nextGaussian()) * shopPrice[s] * brandPrice[b];
      double price = money(cat.median() * ratio);
      Word use = Rand.pick(r, cat.uses());
      Word bw = tax.brands.get(b), audWord = aud < 0 ? null : cat.audiences().get(aud);
      Word s1 = cat.styles().get(st1), s2 = cat.styles().get(st2);
      String title = Texts.title(l, bw, audWord, cat.noun(), s1, s2, values[0]);
      String description = Texts.description(l, tax, cat, bw, s1, s2, values, use);
      this.cat[i] = c;
      brand[i] = b;
      shop[i] = s;
      lang[i] = l;
      audience[i] = aud;
      style1[i] = st1;
      style2[i] = st2;
      titleValue[i] = tv;
      priceRatio[i] = price / cat.median();
      popularity[i] = Rand.lognormal(r, 0, 0.9) * shopQuality[s];
      created[i] = times[i];
      inStock[i] = Rand.chance(r, shopStock[s]);
      items[i] = new Item(Rand.id("i", i, n), title, description, cat.path(), bw.en(), shops[s].id(), price, inStock[i],
          attrs, times[i]);
      shopItems.get(s).add(i);
    }
    for (int s = 0; s < shops.length; s++) itemsByShop[s] = shopItems.get(s).stream().mapToInt(Integer::intValue).toArray();
    int[] fill = new int[nc];
    for (int c = 0; c < nc; c++) {
      byCategory[c] = new int[perCategory[c]];
      createdByCategory[c] = new long[perCategory[c]];
      cumPopularity[c] = new double[perCategory[c]];
    }
    for (int i = 0; i < n; i++) { // ascending i = arrival order, so every per-category list is sorted by time
      int c = cat[i], k = fill[c]++;
      byCategory[c][k] = i;
      createdByCategory[c][k] = created[i];
      cumPopularity[c][k] = (k == 0 ? 0 : cumPopularity[c][k - 1]) + popularity[i];
    }
  }

  /** How many items of a category exist at a time (a prefix of {@link #byCategory}). */
  int available(int category, long time) {
    long[] t = createdByCategory[category];
    int lo = 0, hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Prices end in .99 above 5 and are rounded to 10 cents below. */
  static double money(double p) {
    if (p >= 5) return Math.round(p) - 0.01;
    return Math.max(0.5, Math.round(p * 10) / 10.0);
  }

  /** Splits n into parts proportional to the weights, at least one each (largest remainder). */
  static int[] allocate(double[] weights, int n) {
    int k = weights.length;
    double total = Arrays.stream(weights).sum();
    int[] out = new int[k];
    double[] frac = new double[k];
    int left = n - k;
    int used = 0;
    for (int i = 0; i < k; i++) {
      double exact = weights[i] / total * left;
      out[i] = 1 + (int) Math.floor(exact);
      frac[i] = exact - Math.floor(exact);
      used += out[i];
    }
    while (used < n) {
      int best = 0;
      for (int i = 1; i < k; i++) if (frac[i] > frac[best]) best = i;
      out[best]++;
      frac[best] = -1;
      used++;
    }
    return out;
  }

  static int[] permutation(SplittableRandom r, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    shuffle(r, p);
    return p;
  }

  static void shuffle(SplittableRandom r, int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
