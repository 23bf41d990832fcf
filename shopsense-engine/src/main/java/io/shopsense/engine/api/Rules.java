package io.shopsense.engine.api;

import java.util.List;
import java.util.Map;

/**
 * Business rules applied after scoring.
 *
 * @param inStockOnly drop out-of-stock items
 * @param categories keep only items under one of these category prefixes (empty = all)
 * @param brands keep only these brands (empty = all)
 * @param shops keep only these shops (empty = all)
 * @param minPrice lower price bound or null
 * @param maxPrice upper price bound or null
 * @param excludeBought drop items the shopper bought (ignored by buy-again)
 * @param excludeRecentlyShown drop items shown to the shopper in the last hour
 * @param boost item id -> score multiplier (&gt; 1 boosts, &lt; 1 buries)
 * @param pin item ids pinned to the top, in order
 * @param maxPerCategory cap per category in the top-n (0 = none)
 * @param maxShopShare largest fraction of the list one shop may take (1 = none)
 * @param diversity MMR trade-off in [0, 1] (0 = relevance only)
 */
public record Rules(boolean inStockOnly, List<String> categories, List<String> brands, List<String> shops,
    Double minPrice, Double maxPrice, boolean excludeBought, boolean excludeRecentlyShown,
    Map<String, Double> boost, List<String> pin, int maxPerCategory, double maxShopShare, double diversity) {

  public Rules {
    categories = categories == null ? List.of() : List.copyOf(categories);
    brands = brands == null ? List.of() : List.copyOf(brands);
    shops = shops == null ? List.of() : List.copyOf(shops);
    boost = boost == null ? Map.of() : Map.copyOf(boost);
    pin = pin == null ? List.of() : List.copyOf(pin);
  }

  /** Defaults: in stock only, exclude bought, no caps beyond a 50% shop share. */
  public static Rules defaults() {
    return new Rules(true, List.of(), List.of(), List.of(), null, null, true, false, Map.of(), List.of(), 0, 0.5, 0.0);
  }
}
