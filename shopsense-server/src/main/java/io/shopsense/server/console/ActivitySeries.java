package io.shopsense.server.console;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events bucketed by time for the dashboard: per bucket the count of each event type, the lists
 * shown (impression events), how many of them got a click or a purchase, the distinct items shown
 * (catalog coverage) and the mean intra-list diversity. A click (purchase) is attributed to the
 * shopper's latest shown list when it names one of its items within {@link #CLICK_WINDOW_MS}
 * ({@link #BUY_WINDOW_MS}) of it; each list counts at most once as clicked and once as converted,
 * so CTR and conversion are shares of lists, as in the experiment reports. Thread-safe.
 * Each event costs O(1) plus O(list length squared) for an impression (its pair diversity).
 */
final class ActivitySeries {
  static final long CLICK_WINDOW_MS = 60 * 60_000L;
  static final long BUY_WINDOW_MS = 24 * 60 * 60_000L;
  private static final int MAX_SHOPPERS = 200_000;

  private final long bucketMs;
  private final int maxBuckets;
  private final ItemIndex items;
  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  // the latest list shown to each shopper (access order: the oldest shoppers are dropped first)
  private final LinkedHashMap<String, Shown> lastShown = new LinkedHashMap<>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Shown> e) {
      return size() > MAX_SHOPPERS;
    }
  };
  private long total;

  /**
   * @param bucketMs bucket width
   * @param maxBuckets buckets kept (older ones are dropped as new ones open)
   */
  ActivitySeries(long bucketMs, int maxBuckets, ItemIndex items) {
    this.bucketMs = bucketMs;
    this.maxBuckets = maxBuckets;
    this.items = items;
  }

  /** Adds an event at time {@code t} (the event's own time, or when it arrived). */
  synchronized void add(Event e, long t) {
    Bucket b = bucket(t);
    b.byType[e.type().ordinal()]++;
    total++;
    switch (e.type()) {
      case IMPRESSION -> shown(e, b, t);
      case CLICK -> attribute(e, t, CLICK_WINDOW_MS, true);
      case PURCHASE -> attribute(e, t, BUY_WINDOW_MS, false);
      default -> { }
    }
  }

  private void shown(Event e, Bucket b, long t) {
    List<String> list = e.items() == null ? List.of() : e.items();
    int[] ids = new int[list.size()];
    int[] cats = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = items.id(list.get(i));
      cats[i] = items.category(ids[i]);
      b.shown.set(ids[i]);
    }
    b.lists++;
    if (ids.length >= 2) {
      long pairs = 0, different = 0;
      for (int i = 0; i < cats.length; i++) {
        for (int j = i + 1; j < cats.length; j++) {
          pairs++;
          if (cats[i] < 0 || cats[i] != cats[j]) different++;
        }
      }
      b.diversitySum += (double) different / pairs;
      b.diversityLists++;
    }
    lastShown.put(e.user(), new Shown(b, ids, t));
  }

  private void attribute(Event e, long t, long window, boolean click) {
    Shown s = e.item() == null ? null : lastShown.get(e.user());
    if (s == null || t - s.time > window || t < s.time) return;
    int id = items.find(e.item());
    boolean listed = false;
    for (int x : s.items) listed |= x == id;
    if (!listed) return;
    if (click && !s.clicked) {
      s.clicked = true;
      s.bucket.clickedLists++;
    } else if (!click && !s.bought) {
      s.bought = true;
      s.bucket.boughtLists++;
    }
  }

  private Bucket bucket(long t) {
    long key = Math.floorDiv(t, bucketMs) * bucketMs;
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket(key);
      buckets.put(key, b);
      while (buckets.size() > maxBuckets) buckets.pollFirstEntry();
    }
    return b;
  }

  /**
   * The buckets from {@code from} (inclusive) as JSON-ready maps, empty buckets filled in up to
   * {@code to} when {@code fill} (a live chart should show quiet minutes as zero).
   */
  synchronized List<Map<String, Object>> buckets(long from, long to, boolean fill, int catalogSize) {
    List<Map<String, Object>> out = new ArrayList<>();
    long start = Math.floorDiv(from, bucketMs) * bucketMs;
    if (fill) {
      for (long t = start; t <= to; t += bucketMs) {
        Bucket b = buckets.get(t);
        out.add(json(b != null ? b : new Bucket(t), catalogSize));
      }
    } else {
      for (Bucket b : buckets.tailMap(start, true).values()) out.add(json(b, catalogSize));
    }
    return out;
  }

  synchronized long total() {
    return total;
  }

  /** The oldest and newest buckets' starts, or null when empty. */
  synchronized long[] span() {
    return buckets.isEmpty() ? null : new long[] {buckets.firstKey(), buckets.lastKey()};
  }

  private static Map<String, Object> json(Bucket b, int catalogSize) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", b.t);
    Map<String, Long> types = new LinkedHashMap<>();
    for (EventType ty : EventType.values()) {
      if (b.byType[ty.ordinal()] > 0) types.put(ty.wireName(), b.byType[ty.ordinal()]);
    }
    m.put("events", types);
    m.put("impressions", b.lists);
    m.put("clicked", b.clickedLists);
    m.put("converted", b.boughtLists);
    m.put("ctr", b.lists == 0 ? null : (double) b.clickedLists / b.lists);
    m.put("conversion", b.lists == 0 ? null : (double) b.boughtLists / b.lists);
    m.put("shown_items", b.shown.cardinality());
    m.put("coverage", b.lists == 0 || catalogSize == 0 ? null : Math.min(1.0, (double) b.shown.cardinality() / catalogSize));
    m.put("diversity", b.diversityLists == 0 ? null : b.diversitySum / b.diversityLists);
    return m;
  }

  private static final class Bucket {
    final long t;
    final long[] byType = new long[EventType.values().length];
    final BitSet shown = new BitSet();
    long lists;
    long clickedLists;
    long boughtLists;
    double diversitySum;
    long diversityLists;

    Bucket(long t) {
      this.t = t;
    }
  }

  private static final class Shown {
    final Bucket bucket;
    final int[] items;
    final long time;
    boolean clicked;
    boolean bought;

    Shown(Bucket bucket, int[] items, long time) {
      this.bucket = bucket;
      this.items = items;
      this.time = time;
    }
  }
}
