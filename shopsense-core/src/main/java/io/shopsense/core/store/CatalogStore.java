package io.shopsense.core.store;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Items, shops and promotions. Upserts replace by id; every write is durable when the call returns. */
public interface CatalogStore {
  /** Inserts or replaces items in one transaction. */
  void upsertItems(List<Item> items);

  Optional<Item> item(String id);

  /** Deletes an item; returns false when it did not exist. */
  boolean deleteItem(String id);

  /** Calls the consumer for every item, in id order. */
  void forEachItem(Consumer<Item> consumer);

  long itemCount();

  void upsertShops(List<Shop> shops);

  Optional<Shop> shop(String id);

  void forEachShop(Consumer<Shop> consumer);

  long shopCount();

  void upsertPromotions(List<Promotion> promotions);

  void forEachPromotion(Consumer<Promotion> consumer);

  long promotionCount();
}
