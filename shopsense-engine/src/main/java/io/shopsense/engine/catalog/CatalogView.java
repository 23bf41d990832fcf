package io.shopsense.engine.catalog;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.profile.PriceBands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable copy of the catalog for serving: items, shops and promotions by id, the items newest
 * first, and the price bands fitted on the items. A new view replaces the old one on every catalog
 * write (copy on write: writes are rare next to reads, and readers never lock).
 */
public final class CatalogView {
  private final Map<String, Item> items;
  private final Map<String, Shop> shops;
  private final Map<String, Promotion> promotions;
  private final List<Item> newestFirst;
  private final PriceBands bands;

  CatalogView(Map<String, Item> items, Map<String, Shop> shops, Map<String, Promotion> promotions) {
    this.items = Collections.unmodifiableMap(items);
    this.shops = Collections.unmodifiableMap(shops);
    this.promotions = Collections.unmodifiableMap(promotions);
    List<Item> l = new ArrayList<>(items.values());
    l.sort(Comparator.comparingLong(Item::created).reversed().thenComparing(Item::id));
    this.newestFirst = Collections.unmodifiableList(l);
    this.bands = PriceBands.fit(items.values());
  }

  static CatalogView empty() {
    return new CatalogView(new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  /** The item, or null when it is not in the catalog. */
  public Item item(String id) {
    return id == null ? null : items.get(id);
  }

  public Shop shop(String id) {
    return id == null ? null : shops.get(id);
  }

  public Promotion promotion(String id) {
    return promotions.get(id);
  }

  public Collection<Item> items() {
    return items.values();
  }

  public Collection<Shop> shops() {
    return shops.values();
  }

  public Collection<Promotion> promotions() {
    return promotions.values();
  }

  public int size() {
    return items.size();
  }

  /** Every item, newest {@code created} first (ties by id). */
  public List<Item> newestFirst() {
    return newestFirst;
  }

  public PriceBands priceBands() {
    return bands;
  }

  Map<String, Item> itemMap() {
    return items;
  }

  Map<String, Shop> shopMap() {
    return shops;
  }

  Map<String, Promotion> promotionMap() {
    return promotions;
  }
}
