package io.shopsense.engine.catalog;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Promotion budget used by purchases ingested since the snapshot: each purchase of an item a
 * budgeted promotion covers, during its validity, counts as one redemption of its value (an upper
 * bound: the store does not record redemptions). Added to the snapshot's estimate, which covers
 * the events before its newest one. Thread-safe.
 */
public final class PromotionSpend {
  private final Map<String, ConcurrentSkipListMap<Long, Double>> byPromotion = new ConcurrentHashMap<>();

  /** Notes a purchase (others are ignored). */
  public void observe(Event e, CatalogView catalog) {
    if (e.type() != EventType.PURCHASE || e.item() == null) return;
    Item it = catalog.item(e.item());
    if (it == null) return;
    Double v = e.value();
    double qty = v != null && v >= 1 && v <= 1000 && v == Math.rint(v) ? v : 1;
    for (Promotion p : catalog.promotions()) {
      if (p.budget() == null || !p.activeAt(e.time()) || !p.covers(it)) continue;
      double off = PromotionValue.of(p, it.price() * qty);
      if (off > 0) byPromotion.computeIfAbsent(p.id(), k -> new ConcurrentSkipListMap<>()).merge(e.time(), off, Double::sum);
    }
  }

  /** Spend recorded after the time (exclusive). */
  public double since(String promotion, long time) {
    var m = byPromotion.get(promotion);
    if (m == null) return 0;
    double s = 0;
    for (double d : m.tailMap(time, false).values()) s += d;
    return s;
  }

  /** Forgets what a snapshot now covers. */
  public void pruneBefore(long time) {
    for (var m : byPromotion.values()) m.headMap(time, true).clear();
  }
}
