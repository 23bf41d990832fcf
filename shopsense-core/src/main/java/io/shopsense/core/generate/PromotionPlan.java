package io.shopsense.core.generate;

import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Coupons, discounts and bundles over the simulated period, limited to a shop (most), a category
 * (leaf or top level) or open to all, with a minimum spend, a validity window inside the period (a
 * third of them still running when it ends) and sometimes a budget. Shoppers buy covered items a little more often while a promotion runs, so
 * the promotions scenario has an uplift to find.
 */
final class PromotionPlan {
  private static final long DAY = 86_400_000L;
  /** Every third promotion is still running when the simulated period ends. */
  private static final int ONGOING_EVERY = 3;

  final Promotion[] promotions;
  private final Catalog catalog;
  private final List<List<Integer>> byShop = new ArrayList<>();
  private final List<List<Integer>> byCategory = new ArrayList<>();
  private final List<Integer> wide = new ArrayList<>(); // top-level category or everything: checked with covers()

  private PromotionPlan(Catalog catalog, Promotion[] promotions) {
    this.catalog = catalog;
    this.promotions = promotions;
    for (int s = 0; s < catalog.shops.length; s++) byShop.add(new ArrayList<>());
    for (int c = 0; c < catalog.tax.categories.size(); c++) byCategory.add(new ArrayList<>());
    for (int p = 0; p < promotions.length; p++) {
      Promotion pr = promotions[p];
      if (pr.shop() != null) byShop.get(shopIndex(pr.shop())).add(p);
      else if (pr.category() != null && pr.category().contains(">")) byCategory.get(categoryIndex(pr.category())).add(p);
      else wide.add(p);
    }
  }

  /** About 1.2 promotions per shop. */
  static PromotionPlan build(Catalog catalog, long seed, long start, long end) {
    SplittableRandom r = Rand.stream(seed, 2);
    int nShops = catalog.shops.length;
    int n = (int) Math.max(5, Math.round(nShops * 1.2));
    List<Taxonomy.Category> cats = catalog.tax.categories;
    Promotion[] out = new Promotion[n];
    for (int p = 0; p < n; p++) {
      double scope = r.nextDouble();
      String shopId = null, category = null;
      Word target; // what the title names
      double median;
      if (scope < 0.6) {
        int s = r.nextInt(nShops);
        shopId = catalog.shops[s].id();
        Taxonomy.Category main = cats.get(catalog.shopCategories[s][0]);
        target = main.top();
        median = main.median();
      } else if (scope < 0.9) {
        Taxonomy.Category c = Rand.pick(r, cats);
        boolean leaf = Rand.chance(r, 0.7);
        category = leaf ? c.path() : c.top().en();
        target = leaf ? c.noun() : c.top();
        median = c.median();
      } else {
        target = new Word("everything", "全场");
        median = 50;
      }
      int lang = Rand.chance(r, Catalog.ZH_SHARE) ? Word.ZH : Word.EN;
      double kind = r.nextDouble();
      PromotionKind k;
      double discount;
      Double minSpend;
      String title;
      if (kind < 0.45) {
        k = PromotionKind.COUPON;
        discount = roundNice(median * (0.08 + 0.12 * r.nextDouble()));
        minSpend = roundNice(discount * (5 + r.nextInt(6)));
        title = lang == Word.ZH ? String.format(Locale.ROOT, "%s 满%s减%s", target.zh(), num(minSpend), num(discount))
            : String.format(Locale.ROOT, "%s off %s over %s", num(discount), target.en(), num(minSpend));
      } else if (kind < 0.85) {
        k = PromotionKind.DISCOUNT;
        discount = 5 * (1 + r.nextInt(6)) / 100.0;
        minSpend = Rand.chance(r, 0.6) ? null : roundNice(median * (1 + r.nextInt(3)));
        int pct = (int) Math.round(discount * 100);
        title = lang == Word.ZH ? String.format(Locale.ROOT, "%s %s折", target.zh(), num((100 - pct) / 10.0))
            : String.format(Locale.ROOT, "%d%% off %s", pct, target.en());
      } else {
        k = PromotionKind.BUNDLE;
        discount = (10 + 5 * r.nextInt(3)) / 100.0;
        minSpend = roundNice(median * 2);
        int pct = (int) Math.round(discount * 100);
        title = lang == Word.ZH ? String.format(Locale.ROOT, "%s 任选2件减%d%%", target.zh(), pct)
            : String.format(Locale.ROOT, "Buy 2 %s, save %d%%", target.en(), pct);
      }
      long length = (3 + r.nextInt(19)) * DAY;
      long from = start + (long) (r.nextDouble() * Math.max(DAY, end - start - length));
      long to = Math.min(end, from + length);
      if (p % ONGOING_EVERY == 0) {
        // a running campaign: it straddles the end of the data, so a store served "as of its last
        // day" has promotions to offer (the same draws, so the other promotions do not change)
        to = end + length / 2;
        from = to - length;
      }
      from = from / 3_600_000L * 3_600_000L;
      Double budget = Rand.chance(r, 0.4) ? (double) (20 + r.nextInt(481)) * 100 : null;
      out[p] = new Promotion(Rand.id("p", p, n), title, k, shopId, category, minSpend, discount, from, to, budget);
    }
    return new PromotionPlan(catalog, out);
  }

  /** True when some promotion covering the item runs at this time. */
  boolean promoted(int item, long time) {
    return any(byShop.get(catalog.shop[item]), item, time) || any(byCategory.get(catalog.cat[item]), item, time)
        || any(wide, item, time);
  }

  private boolean any(List<Integer> ids, int item, long time) {
    for (int p : ids) {
      Promotion pr = promotions[p];
      if (pr.activeAt(time) && pr.covers(catalog.items[item])) return true;
    }
    return false;
  }

  private int shopIndex(String id) {
    for (int s = 0; s < catalog.shops.length; s++) if (catalog.shops[s].id().equals(id)) return s;
    throw new IllegalStateException("unknown shop " + id);
  }

  private int categoryIndex(String path) {
    for (Taxonomy.Category c : catalog.tax.categories) if (c.path().equals(path)) return c.index();
    throw new IllegalStateException("unknown category " + path);
  }

  /** 1, 2, 5, 10, 20, 50... scaled: amounts shoppers see on coupons. */
  private static double roundNice(double v) {
    if (v < 5) return Math.max(1, Math.round(v));
    if (v < 50) return Math.round(v / 5) * 5.0;
    return Math.round(v / 10) * 10.0;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
