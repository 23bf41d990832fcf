package io.shopsense.search.index;

import io.shopsense.search.FacetValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts every matching item (exact total) and its facet values from doc values: brand, shop,
 * category path prefixes, price bucket and stock. Per segment it counts ordinals in arrays and
 * resolves them to strings once at the segment's end, so the cost is O(matches + distinct values).
 * Counting all matches (not the top N) keeps the counts exact; lucene-facet would add a taxonomy or
 * a per-reader state to maintain for the same numbers.
 */
final class FacetCollector implements Collector {
  private final boolean facets;
  private final double[] edges;
  private long total;
  private final Map<String, Long> brands = new HashMap<>();
  private final Map<String, Long> shops = new HashMap<>();
  private final Map<String, Long> categories = new HashMap<>();
  private final long[] priceBuckets;
  private long inStock;
  private long outOfStock;

  /** @param facets false to count the total only */
  FacetCollector(boolean facets, double[] edges) {
    this.facets = facets;
    this.edges = edges;
    this.priceBuckets = new long[edges.length];
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
    if (!facets) {
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) {
          total++;
        }
      };
    }
    var r = ctx.reader();
    SortedDocValues brand = DocValues.getSorted(r, ItemDocuments.BRAND_FACET);
    SortedDocValues shop = DocValues.getSorted(r, ItemDocuments.SHOP);
    SortedSetDocValues cat = DocValues.getSortedSet(r, ItemDocuments.CATEGORY_PATH);
    NumericDocValues price = DocValues.getNumeric(r, ItemDocuments.PRICE);
    NumericDocValues stock = DocValues.getNumeric(r, ItemDocuments.IN_STOCK);
    int[] brandCounts = new int[brand.getValueCount()];
    int[] shopCounts = new int[shop.getValueCount()];
    int[] catCounts = new int[(int) cat.getValueCount()];
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) throws IOException {
        total++;
        if (brand.advanceExact(doc)) brandCounts[brand.ordValue()]++;
        if (shop.advanceExact(doc)) shopCounts[shop.ordValue()]++;
        if (cat.advanceExact(doc)) {
          for (int i = 0; i < cat.docValueCount(); i++) catCounts[(int) cat.nextOrd()]++;
        }
        if (price.advanceExact(doc)) priceBuckets[bucket(NumericUtils.sortableLongToDouble(price.longValue()))]++;
        if (stock.advanceExact(doc) && stock.longValue() == 1) inStock++;
        else outOfStock++;
      }

      @Override
      public void finish() throws IOException {
        for (int o = 0; o < brandCounts.length; o++) {
          if (brandCounts[o] > 0) brands.merge(brand.lookupOrd(o).utf8ToString(), (long) brandCounts[o], Long::sum);
        }
        for (int o = 0; o < shopCounts.length; o++) {
          if (shopCounts[o] > 0) shops.merge(shop.lookupOrd(o).utf8ToString(), (long) shopCounts[o], Long::sum);
        }
        for (int o = 0; o < catCounts.length; o++) {
          if (catCounts[o] > 0) categories.merge(cat.lookupOrd(o).utf8ToString(), (long) catCounts[o], Long::sum);
        }
      }
    };
  }

  private int bucket(double p) {
    int b = 0;
    while (b + 1 < edges.length && p >= edges[b + 1]) b++;
    return b;
  }

  long total() {
    return total;
  }

  /** Adds another collector's counts (of other segments) to this one. */
  private void add(FacetCollector o) {
    total += o.total;
    o.brands.forEach((k, v) -> brands.merge(k, v, Long::sum));
    o.shops.forEach((k, v) -> shops.merge(k, v, Long::sum));
    o.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
    for (int b = 0; b < priceBuckets.length; b++) priceBuckets[b] += o.priceBuckets[b];
    inStock += o.inStock;
    outOfStock += o.outOfStock;
  }

  /** One collector per search slice, merged at the end. */
  static CollectorManager<FacetCollector, FacetCollector> manager(boolean facets, double[] edges) {
    return new CollectorManager<>() {
      @Override
      public FacetCollector newCollector() {
        return new FacetCollector(facets, edges);
      }

      @Override
      public FacetCollector reduce(Collection<FacetCollector> collectors) {
        FacetCollector all = new FacetCollector(facets, edges);
        collectors.forEach(all::add);
        return all;
      }
    };
  }

  /** A collector that saw nothing (no query to run). */
  static FacetCollector none(boolean facets, double[] edges) {
    return new FacetCollector(facets, edges);
  }

  /**
   * The facets: the top {@code size} values of each by count; {@code category} holds the children
   * of {@code categoryFilter} (normalised path, or null for the top level).
   */
  Map<String, List<FacetValue>> facets(int size, String categoryFilter) {
    Map<String, List<FacetValue>> out = new LinkedHashMap<>();
    if (!facets) return out;
    int depth = categoryFilter == null ? 1 : categoryFilter.split(">").length + 1;
    Map<String, Long> children = new HashMap<>();
    categories.forEach((path, n) -> {
      if (path.split(">").length != depth) return;
      if (categoryFilter == null || path.startsWith(categoryFilter + ">")) children.put(path, n);
    });
    out.put("category", top(children, size));
    out.put("brand", top(brands, size));
    out.put("shop", top(shops, size));
    List<FacetValue> prices = new ArrayList<>();
    for (int b = 0; b < edges.length; b++) {
      if (priceBuckets[b] == 0) continue;
      String label = b + 1 < edges.length ? fmt(edges[b]) + "-" + fmt(edges[b + 1]) : fmt(edges[b]) + "+";
      prices.add(new FacetValue(label, priceBuckets[b]));
    }
    out.put("price", prices);
    List<FacetValue> stock = new ArrayList<>();
    if (inStock > 0) stock.add(new FacetValue("true", inStock));
    if (outOfStock > 0) stock.add(new FacetValue("false", outOfStock));
    out.put("in_stock", stock);
    return out;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static List<FacetValue> top(Map<String, Long> counts, int size) {
    return counts.entrySet().stream()
        .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
            : Long.compare(b.getValue(), a.getValue()))
        .limit(size).map(e -> new FacetValue(e.getKey(), e.getValue())).toList();
  }
}
