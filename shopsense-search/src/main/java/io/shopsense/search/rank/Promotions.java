package io.shopsense.search.rank;

import io.shopsense.core.model.Promotion;
import java.util.ArrayList;
import java.util.List;

/**
 * Which items a running promotion covers, by shop and category prefix (the rules of
 * {@link Promotion#covers}) without needing the whole {@link io.shopsense.core.model.Item}. Immutable;
 * a lookup is O(promotions), fine for the tens to hundreds a store runs.
 */
public final class Promotions {
  private final List<Promotion> all;

  public Promotions(List<Promotion> promotions) {
    this.all = List.copyOf(promotions);
  }

  public static Promotions none() {
    return new Promotions(new ArrayList<>());
  }

  /** True when a promotion valid at {@code time} covers an item of this shop and category. */
  public boolean covers(String shop, String category, long time) {
    for (Promotion p : all) {
      if (!p.activeAt(time)) continue;
      if (p.shop() != null && !p.shop().equals(shop)) continue;
      if (p.category() != null
          && (category == null || !(category.equals(p.category()) || category.startsWith(p.category() + ">")))) {
        continue;
      }
      return true;
    }
    return false;
  }
}
