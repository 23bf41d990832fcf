package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.snapshot.ModelSnapshot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every request against one snapshot and catalog view shares, computed once instead of per
 * request: the catalog item of each snapshot column, each rule set's filter as a bit mask over the
 * columns, the columns in trend and popularity order, and the snapshot column of each catalog item
 * in newest-first order. Immutable apart from the lazily filled caches; thread-safe.
 */
final class Columns {
  /** Distinct filter masks kept (requests with their own filters beyond this are computed per request). */
  private static final int MAX_MASKS = 256;

  private final ModelSnapshot snap;
  private final CatalogView catalog;
  private final Item[] items;
  private final ConcurrentHashMap<Filter, long[]> masks = new ConcurrentHashMap<>();
  private volatile int[] trendOrder;
  private volatile int[] popularityOrder;
  private volatile int[] newestColumns;
  private volatile Codes newestCodes;

  /** The filter part of the rules: what depends on the item only, not on the shopper. */
  private record Filter(boolean inStockOnly, List<String> categories, List<String> brands, List<String> shops, Double minPrice,
      Double maxPrice) {
    static Filter of(Rules r) {
      return new Filter(r.inStockOnly(), r.categories(), r.brands(), r.shops(), r.minPrice(), r.maxPrice());
    }
  }

  Columns(ModelSnapshot snap, CatalogView catalog) {
    this.snap = snap;
    this.catalog = catalog;
    this.items = new Item[snap.numItems()];
    for (int i = 0; i < items.length; i++) items[i] = catalog.item(snap.itemId(i));
  }

  boolean isFor(ModelSnapshot s, CatalogView c) {
    return snap == s && catalog == c;
  }

  int size() {
    return items.length;
  }

  /** The item of a column, or null. */
  Item item(int col) {
    return col >= 0 && col < items.length ? items[col] : null;
  }

  /** Bit i is set when column i's item exists and passes the rules' filters ({@link RuleEngine#passesFilters}). */
  long[] mask(Rules r) {
    Filter f = Filter.of(r);
    long[] m = masks.get(f);
    if (m != null) return m;
    m = new long[(items.length + 63) >>> 6];
    for (int i = 0; i < items.length; i++) {
      if (items[i] != null && RuleEngine.passesFilters(items[i], r)) m[i >>> 6] |= 1L << i;
    }
    if (masks.size() < MAX_MASKS) masks.putIfAbsent(f, m);
    return m;
  }

  /** Columns with a trend score above 0, best first (ties by lower column, as {@link io.shopsense.recommend.TopK}). */
  int[] trendOrder() {
    int[] o = trendOrder;
    if (o == null) trendOrder = o = order(snap.stats().trend());
    return o;
  }

  /** Columns with a popularity above 0, best first (ties by lower column). */
  int[] popularityOrder() {
    int[] o = popularityOrder;
    if (o == null) popularityOrder = o = order(snap.stats().popularity());
    return o;
  }

  /** The snapshot column of each item of {@link CatalogView#newestFirst()} (-1 when the snapshot has none). */
  int[] newestColumns() {
    int[] o = newestColumns;
    if (o == null) {
      List<Item> newest = catalog.newestFirst();
      o = new int[newest.size()];
      for (int i = 0; i < o.length; i++) o[i] = snap.itemIndex(newest.get(i).id());
      newestColumns = o;
    }
    return o;
  }

  /**
   * The category, brand and shop of each item of {@link CatalogView#newestFirst()} as dense codes
   * (-1 for none), so a request reads a shopper's affinity for each from an array instead of a map.
   */
  static final class Codes {
    final int[] category;
    final int[] brand;
    final int[] shop;
    final Map<String, Integer> categories = new HashMap<>();
    final Map<String, Integer> brands = new HashMap<>();
    final Map<String, Integer> shops = new HashMap<>();

    Codes(List<Item> items) {
      category = new int[items.size()];
      brand = new int[items.size()];
      shop = new int[items.size()];
      for (int i = 0; i < category.length; i++) {
        Item it = items.get(i);
        category[i] = code(categories, it.category());
        brand[i] = code(brands, it.brand());
        shop[i] = code(shops, it.shop());
      }
    }

    private static int code(Map<String, Integer> codes, String value) {
      return value == null ? -1 : codes.computeIfAbsent(value, k -> codes.size());
    }

    /** A shopper's affinities (a profile map) by code; values absent from these items are left out. */
    static double[] byCode(Map<String, Integer> codes, Map<String, Double> affinities) {
      double[] out = new double[codes.size()];
      for (var e : affinities.entrySet()) {
        Integer c = codes.get(e.getKey());
        if (c != null) out[c] = e.getValue();
      }
      return out;
    }
  }

  /** The codes of the newest-first items' category, brand and shop. */
  Codes newestCodes() {
    Codes o = newestCodes;
    if (o == null) newestCodes = o = new Codes(catalog.newestFirst());
    return o;
  }

  /** The columns scored above 0, by score descending then column ascending. */
  static int[] order(float[] s) {
    int n = 0;
    for (float v : s) if (v > 0) n++;
    long[] keys = new long[n];
    n = 0;
    // a positive float's bits order like the float; descending score, then ascending column
    for (int i = 0; i < s.length; i++) if (s[i] > 0) keys[n++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(s[i])) << 32) | i;
    Arrays.sort(keys);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = (int) keys[i];
    return out;
  }
}
