package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Behaviour counts per item and per (query, item), read as smoothed rates (Bayesian averages with a
 * pseudo-count toward the catalog-wide rate, so an item shown twice and clicked once is not rated
 * 50%). Fed events in time order ({@link #accept}) and the tracker's attributed search actions
 * ({@link #impression}, {@link #action}); during training replay the counts are, at any moment,
 * exactly those of the events before it, so features read then never see the future.
 *
 * <p>Not thread-safe while being fed; read-only use (serving) is safe once feeding stops.
 * O(1) per event; memory O(items + distinct (query, item) pairs shown).
 */
public final class ItemStats implements ImpressionTracker.Listener {
  private static final double DEFAULT_RATING = 3.5;

  /** Mutable counters of one item. */
  private static final class Counts {
    int impressions;
    int searchClicks;
    int searchPurchases;
    int views;
    int carts;
    int purchases;
    int ratings;
    double ratingSum;
  }

  private final double itemPrior;
  private final double queryPrior;
  private final Map<String, Counts> items = new HashMap<>();
  /** query key -> item -> {impressions, clicks, purchases}. */
  private final Map<String, Map<String, int[]>> byQuery = new HashMap<>();
  private long impressions;
  private long searchClicks;
  private long searchPurchases;
  private long views;
  private long purchases;
  private long ratings;
  private double ratingSum;

  /**
   * @param itemPrior pseudo-count of the per-item rates ({@code rank.smoothing.item})
   * @param queryPrior pseudo-count of the per-(query, item) rates ({@code rank.smoothing.query})
   */
  public ItemStats(double itemPrior, double queryPrior) {
    if (!(itemPrior > 0) || !(queryPrior > 0)) throw new IllegalArgumentException("smoothing pseudo-counts must be > 0");
    this.itemPrior = itemPrior;
    this.queryPrior = queryPrior;
  }

  /** Counts one event's page views, carts, purchases and ratings. */
  public void accept(Event e) {
    if (e.item() == null) return;
    switch (e.type()) {
      case VIEW, CLICK -> {
        counts(e.item()).views++;
        views++;
      }
      case ADD_TO_CART -> counts(e.item()).carts++;
      case PURCHASE -> {
        counts(e.item()).purchases++;
        purchases++;
      }
      case RATE -> {
        if (e.value() != null && Double.isFinite(e.value())) {
          Counts c = counts(e.item());
          c.ratings++;
          c.ratingSum += e.value();
          ratings++;
          ratingSum += e.value();
        }
      }
      default -> { }
    }
  }

  @Override
  public void impression(ImpressionTracker.Impression imp) {
    Map<String, int[]> q = byQuery.computeIfAbsent(imp.query(), k -> new HashMap<>());
    for (String item : imp.shown()) {
      counts(item).impressions++;
      q.computeIfAbsent(item, k -> new int[3])[0]++;
    }
    impressions += imp.shown().size();
  }

  @Override
  public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
    int[] q = byQuery.get(imp.query()).get(item);
    if (event.type() == EventType.CLICK) {
      counts(item).searchClicks++;
      searchClicks++;
      q[1]++;
    } else if (event.type() == EventType.PURCHASE) {
      counts(item).searchPurchases++;
      searchPurchases++;
      q[2]++;
    }
  }

  private Counts counts(String item) {
    return items.computeIfAbsent(item, k -> new Counts());
  }

  /** log(1 + views + 2 carts + 3 purchases). */
  public double popularity(String item) {
    Counts c = items.get(item);
    return c == null ? 0 : Math.log1p(c.views + 2.0 * c.carts + 3.0 * c.purchases);
  }

  /** Search clicks per impression, smoothed toward the overall rate. */
  public double ctr(String item) {
    Counts c = items.get(item);
    double prior = rate(searchClicks, impressions);
    return c == null ? prior : (c.searchClicks + itemPrior * prior) / (c.impressions + itemPrior);
  }

  /** Purchases per page view, smoothed toward the overall rate. */
  public double conversion(String item) {
    Counts c = items.get(item);
    double prior = rate(purchases, views);
    return c == null ? prior : (c.purchases + itemPrior * prior) / (c.views + itemPrior);
  }

  /** Search purchases per impression of the item, smoothed toward the overall rate. */
  private double searchConversion(String item) {
    Counts c = items.get(item);
    double prior = rate(searchPurchases, impressions);
    return c == null ? prior : (c.searchPurchases + itemPrior * prior) / (c.impressions + itemPrior);
  }

  /** Clicks per impression of the item for the query (a {@link QueryKey}), smoothed toward {@link #ctr}. */
  public double queryCtr(String queryKey, String item) {
    int[] q = queryCounts(queryKey, item);
    double prior = ctr(item);
    return q == null ? prior : (q[1] + queryPrior * prior) / (q[0] + queryPrior);
  }

  /** Purchases per impression of the item for the query, smoothed toward the item's rate. */
  public double queryConversion(String queryKey, String item) {
    int[] q = queryCounts(queryKey, item);
    double prior = searchConversion(item);
    return q == null ? prior : (q[2] + queryPrior * prior) / (q[0] + queryPrior);
  }

  /** Average rating shrunk toward the catalog mean with 5 pseudo-ratings (3.5 before any rating). */
  public double rating(String item) {
    double mean = ratings == 0 ? DEFAULT_RATING : ratingSum / ratings;
    Counts c = items.get(item);
    return c == null ? mean : (c.ratingSum + 5 * mean) / (c.ratings + 5);
  }

  private int[] queryCounts(String queryKey, String item) {
    Map<String, int[]> m = byQuery.get(queryKey);
    return m == null ? null : m.get(item);
  }

  private static double rate(long num, long den) {
    return den == 0 ? 0 : (double) num / den;
  }

  /** Items with any count. */
  public int size() {
    return items.size();
  }

  private static final int FORMAT = 1;

  /** Writes every count (sorted by key, so equal statistics give equal bytes). */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeDouble(itemPrior);
    out.writeDouble(queryPrior);
    for (long v : new long[] {impressions, searchClicks, searchPurchases, views, purchases, ratings}) out.writeLong(v);
    out.writeDouble(ratingSum);
    out.writeInt(items.size());
    for (var e : new TreeMap<>(items).entrySet()) {
      Counts c = e.getValue();
      out.writeUTF(e.getKey());
      for (int v : new int[] {c.impressions, c.searchClicks, c.searchPurchases, c.views, c.carts, c.purchases, c.ratings}) {
        out.writeInt(v);
      }
      out.writeDouble(c.ratingSum);
    }
    out.writeInt(byQuery.size());
    for (var q : new TreeMap<>(byQuery).entrySet()) {
      out.writeUTF(q.getKey());
      out.writeInt(q.getValue().size());
      for (var e : new TreeMap<>(q.getValue()).entrySet()) {
        out.writeUTF(e.getKey());
        for (int v : e.getValue()) out.writeInt(v);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static ItemStats read(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) throw new IOException("item statistics format " + format + " is not " + FORMAT);
    ItemStats s = new ItemStats(in.readDouble(), in.readDouble());
    s.impressions = in.readLong();
    s.searchClicks = in.readLong();
    s.searchPurchases = in.readLong();
    s.views = in.readLong();
    s.purchases = in.readLong();
    s.ratings = in.readLong();
    s.ratingSum = in.readDouble();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Counts c = s.counts(in.readUTF());
      c.impressions = in.readInt();
      c.searchClicks = in.readInt();
      c.searchPurchases = in.readInt();
      c.views = in.readInt();
      c.carts = in.readInt();
      c.purchases = in.readInt();
      c.ratings = in.readInt();
      c.ratingSum = in.readDouble();
    }
    int nq = in.readInt();
    for (int i = 0; i < nq; i++) {
      Map<String, int[]> m = s.byQuery.computeIfAbsent(in.readUTF(), k -> new HashMap<>());
      int k = in.readInt();
      for (int j = 0; j < k; j++) m.put(in.readUTF(), new int[] {in.readInt(), in.readInt(), in.readInt()});
    }
    return s;
  }
}
