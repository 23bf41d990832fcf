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

  /** The first level of the category path, or null (the first element of {@link #categoryPath()}, without splitting). */
  public String topCategory() {
    if (category == null || category.isBlank()) return null;
    int gt = category.indexOf('>');
    if (gt < 0) return category;
    if (gt > 0) return category.substring(0, gt);
    // a leading '>': the split keeps an empty first level, unless every part is empty (split drops trailing empties)
    for (int i = 1; i < category.length(); i++) if (category.charAt(i) != '>') return "";
    return null;
  }
}
