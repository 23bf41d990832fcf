package io.shopsense.server.console;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Dense ints for the item ids and categories the dashboard sees, so a bucket's shown items are a
 * bitset rather than a set of strings (a medium store's 56 days of history stay a few hundred KB).
 * Thread-safe.
 */
final class ItemIndex {
  private final Function<String, String> categoryOf;
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<String, Integer> categories = new HashMap<>();
  private int[] categoryOfId = new int[1024];

  /** @param categoryOf an item's category path, or null when the catalog does not hold it */
  ItemIndex(Function<String, String> categoryOf) {
    this.categoryOf = categoryOf;
  }

  /** The item's int, assigned on first sight. */
  synchronized int id(String item) {
    Integer i = ids.get(item);
    if (i != null) return i;
    int n = ids.size();
    ids.put(item, n);
    if (n == categoryOfId.length) categoryOfId = java.util.Arrays.copyOf(categoryOfId, n * 2);
    String c = categoryOf.apply(item);
    categoryOfId[n] = c == null ? -1 : categories.computeIfAbsent(c, k -> categories.size());
    return n;
  }

  /** The item's int, or -1 when never seen. */
  synchronized int find(String item) {
    Integer i = ids.get(item);
    return i == null ? -1 : i;
  }

  /** The category int of an item int, -1 when unknown (an unknown category differs from every other). */
  synchronized int category(int id) {
    return categoryOfId[id];
  }
}
