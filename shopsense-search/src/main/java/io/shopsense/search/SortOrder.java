package io.shopsense.search;

import java.util.Locale;

/** Result order. Ties in price, date or rating are broken by item id, so pages are stable. */
public enum SortOrder {
  RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, RATING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code relevance|price_asc|price_desc|newest|rating}. */
  public static SortOrder parse(String s) {
    for (SortOrder o : values()) if (o.wireName().equalsIgnoreCase(s == null ? "" : s.trim())) return o;
    throw new InvalidQueryException(
        "sort must be relevance, price_asc, price_desc, newest or rating, got '" + s + "'", "sort");
  }
}
