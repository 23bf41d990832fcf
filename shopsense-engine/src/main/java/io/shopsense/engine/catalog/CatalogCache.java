package io.shopsense.engine.catalog;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.CatalogStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory catalog: loaded from the store at open, then kept in step by the engine's own
 * writes (store first, so the store stays the source of truth). Readers take {@link #view()}, an
 * immutable {@link CatalogView}; writers build the next view under a lock. Catalog writes by other
 * processes sharing the store are seen after {@link #reload}.
 */
public final class CatalogCache {
  private final CatalogStore store;
  private volatile CatalogView view = CatalogView.empty();
  /** One instance per distinct category, brand and shop string (guarded by this). */
  private final Map<String, String> strings = new HashMap<>();

  public CatalogCache(CatalogStore store) {
    this.store = store;
    reload();
  }

  /** Reads the whole catalog again. O(catalog). */
  public synchronized void reload() {
    Map<String, Item> items = new HashMap<>();
    Map<String, Shop> shops = new HashMap<>();
    Map<String, Promotion> promos = new HashMap<>();
    store.forEachItem(i -> items.put(i.id(), canonical(i)));
    store.forEachShop(s -> shops.put(s.id(), s));
    store.forEachPromotion(p -> promos.put(p.id(), p));
    view = new CatalogView(items, shops, promos);
  }

  public CatalogView view() {
    return view;
  }

  /** Stores the items, then publishes a view holding them. */
  public synchronized void upsertItems(List<Item> items) {
    store.upsertItems(items);
    Map<String, Item> m = new HashMap<>(view.itemMap());
    for (Item i : items) m.put(i.id(), canonical(i));
    view = new CatalogView(m, view.shopMap(), view.promotionMap());
  }

  /**
   * The item with its category, brand and shop replaced by one shared instance per distinct value:
   * the same strings, but maps keyed by them (rules, affinities, codes) then match by reference and
   * the few distinct values stay in cache.
   */
  private Item canonical(Item i) {
    String c = canonical(i.category()), b = canonical(i.brand()), s = canonical(i.shop());
    if (c == i.category() && b == i.brand() && s == i.shop()) return i;
    return new Item(i.id(), i.title(), i.description(), c, b, s, i.price(), i.inStock(), i.attributes(), i.created());
  }

  private String canonical(String v) {
    if (v == null) return null;
    String c = strings.putIfAbsent(v, v);
    return c == null ? v : c;
  }

  /** Deletes an item from the store and the view; false when it did not exist. */
  public synchronized boolean deleteItem(String id) {
    boolean existed = store.deleteItem(id);
    if (view.item(id) != null) {
      Map<String, Item> m = new HashMap<>(view.itemMap());
      m.remove(id);
      view = new CatalogView(m, view.shopMap(), view.promotionMap());
      existed = true;
    }
    return existed;
  }

  public synchronized void upsertShops(List<Shop> shops) {
    store.upsertShops(shops);
    Map<String, Shop> m = new HashMap<>(view.shopMap());
    for (Shop s : shops) m.put(s.id(), s);
    view = new CatalogView(new HashMap<>(view.itemMap()), m, view.promotionMap());
  }

  public synchronized void upsertPromotions(List<Promotion> promotions) {
    store.upsertPromotions(promotions);
    Map<String, Promotion> m = new HashMap<>(view.promotionMap());
    for (Promotion p : promotions) m.put(p.id(), p);
    view = new CatalogView(new HashMap<>(view.itemMap()), view.shopMap(), m);
  }
}
