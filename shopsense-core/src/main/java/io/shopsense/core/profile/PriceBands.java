package io.shopsense.core.profile;

import io.shopsense.core.model.Item;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Cheap, mid or premium for the item's own category: prices are split in terciles per top-level
 * category, fitted on the catalog. With the category's prices sorted ascending ({@code p[0..m-1]}),
 * {@code low = p[floor(m/3)]} and {@code high = p[ceil(2m/3) - 1]}; a price below {@code low} is
 * {@value #BUDGET}, above {@code high} {@value #PREMIUM}, otherwise {@value #MID} (so 9 distinct prices
 * split 3/3/3 and identical prices are all mid). A top-level category with fewer than
 * {@value #MIN_ITEMS} priced items, or an item without a category, uses the cuts of the whole
 * catalog. Items without a positive price have no band. Immutable; fitting is O(n log n).
 */
public final class PriceBands {
  public static final String BUDGET = "budget";
  public static final String MID = "mid";
  public static final String PREMIUM = "premium";
  /** Below this many priced items a category's terciles are too noisy; the global cuts apply. */
  public static final int MIN_ITEMS = 10;

  private final Map<String, double[]> cuts;
  private final double[] global; // null when no item had a price

  private PriceBands(Map<String, double[]> cuts, double[] global) {
    this.cuts = cuts;
    this.global = global;
  }

  /** No bands at all (an empty catalog): {@link #band} always returns null. */
  public static PriceBands none() {
    return new PriceBands(Map.of(), null);
  }

  /** Fits the cuts on the items' prices. */
  public static PriceBands fit(Iterable<Item> items) {
    Fitter f = new Fitter();
    for (Item i : items) f.accept(i);
    return f.fit();
  }

  /** Streaming fit: feed every item with {@link Fitter#accept}, then {@link Fitter#fit}. */
  public static Fitter fitter() {
    return new Fitter();
  }

  /** The band of the item, or null when it has no positive price or nothing was fitted. */
  public String band(Item item) {
    return band(item.topCategory(), item.price());
  }

  /** The band of a price within a top-level category (null category: the global cuts). */
  public String band(String topCategory, double price) {
    if (!(price > 0) || Double.isInfinite(price)) return null;
    double[] c = topCategory == null ? null : cuts.get(topCategory);
    if (c == null) c = global;
    if (c == null) return null;
    return price < c[0] ? BUDGET : price > c[1] ? PREMIUM : MID;
  }

  /** Collects prices per top-level category. */
  public static final class Fitter {
    private final Map<String, Prices> byCategory = new HashMap<>();
    private final Prices all = new Prices();

    private Fitter() {}

    public void accept(Item item) {
      double p = item.price();
      if (!(p > 0) || Double.isInfinite(p)) return;
      all.add(p);
      String top = item.topCategory();
      if (top != null) byCategory.computeIfAbsent(top, k -> new Prices()).add(p);
    }

    public PriceBands fit() {
      Map<String, double[]> cuts = new HashMap<>();
      byCategory.forEach((k, v) -> {
        if (v.n >= MIN_ITEMS) cuts.put(k, v.cuts());
      });
      return new PriceBands(Map.copyOf(cuts), all.n == 0 ? null : all.cuts());
    }
  }

  private static final class Prices {
    double[] p = new double[16];
    int n;

    void add(double v) {
      if (n == p.length) p = Arrays.copyOf(p, n * 2);
      p[n++] = v;
    }

    double[] cuts() {
      double[] s = Arrays.copyOf(p, n);
      Arrays.sort(s);
      return new double[] {s[n / 3], s[(2 * n + 2) / 3 - 1]};
    }
  }
}
