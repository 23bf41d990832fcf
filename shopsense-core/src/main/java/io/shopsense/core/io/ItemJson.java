package io.shopsense.core.io;

import static io.shopsense.core.io.JsonFields.id;
import static io.shopsense.core.io.JsonFields.missing;
import static io.shopsense.core.io.JsonFields.once;
import static io.shopsense.core.io.JsonFields.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.core.model.Item;
import java.io.IOException;
import java.util.Map;

/**
 * One line of {@code items.jsonl}: {@code {"id","title","description","category","brand","shop",
 * "price","in_stock","attributes","created"}}. Only {@code id} is required; a missing price is 0,
 * a missing {@code in_stock} is true, a missing {@code created} is 0. Prices must not be negative.
 */
final class ItemJson implements JsonRecordParser<Item> {
  static final String FIELDS = "id, title, description, category, brand, shop, price, in_stock, attributes, created";

  @Override
  public Item parse(JsonParser p) throws IOException {
    String id = null;
    String title = null;
    String description = null;
    String category = null;
    String brand = null;
    String shop = null;
    Double price = null;
    Boolean inStock = null;
    Map<String, String> attributes = null;
    long created = Long.MIN_VALUE;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "id" -> { seen = once(seen, 0, f); id = id(p, f); }
        case "title" -> { seen = once(seen, 1, f); title = string(p, f); }
        case "description" -> { seen = once(seen, 2, f); description = string(p, f); }
        case "category" -> { seen = once(seen, 3, f); category = string(p, f); }
        case "brand" -> { seen = once(seen, 4, f); brand = string(p, f); }
        case "shop" -> { seen = once(seen, 5, f); shop = id(p, f); }
        case "price" -> { seen = once(seen, 6, f); price = JsonFields.nonNegative(p, f); }
        case "in_stock" -> { seen = once(seen, 7, f); inStock = JsonFields.bool(p, f); }
        case "attributes" -> { seen = once(seen, 8, f); attributes = JsonFields.attributes(p, f); }
        case "created" -> { seen = once(seen, 9, f); created = JsonFields.time(p, f); }
        default -> throw JsonFields.unknownField(f, FIELDS);
      }
    }
    if (id == null) throw missing("id");
    return new Item(id, title, description, category, brand, shop, price == null ? 0 : price,
        inStock == null || inStock, attributes, created == Long.MIN_VALUE ? 0 : created);
  }
}
