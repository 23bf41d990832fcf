package io.shopsense.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product of the catalog. Title and description may be in any language.
 *
 * @param category a path such as {@code Shoes>Running}
 * @param created epoch milliseconds when the item entered the catalog (0 if unknown)
 */
public record Item(String id, String title, String description, String category, String brand, String shop,
    double price, boolean inStock, Map<String, String> attributes, long created) {

  public Item {
    Objects.requireNonNull(id, "id");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The category path split on {@code >}, e.g. [Shoes, Running]; empty when there is none. */
  public List<String> categoryPath() {
    if (category == null || category.isBlank()) return List.of();
    return List.of(category.split(">"));
  }

  /** The first level of the category path, or null. */
  public String topCategory() {
    List<String> p = categoryPath();
    return p.isEmpty() ? null : p.get(0);
  }
}
