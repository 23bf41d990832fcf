package io.shopsense.search.rank;

import java.util.Locale;

/**
 * The ranking features of one (query, shopper, item), in the fixed order of the feature vector
 * ({@link #ordinal()} is the column). Changing the order or the set invalidates saved models, which
 * store the names and are checked on load.
 *
 * <p>Position bias is not a feature: training weights clicked results by the inverse of the
 * examination propensity of the position they were shown at (see {@link PositionBias}), so nothing
 * position-dependent exists at serving. Features marked personal (and the channel) are set to 0
 * when a request asks for {@code personalize=false}, which makes the ranking the same for every
 * shopper: the model then ranks as for an anonymous shopper it saw in training.
 */
public enum Feature {
  /** BM25 score of the item for the query (0 when the text does not match). */
  BM25(false, "matches your search words"),
  /** Cosine similarity of query and item embeddings (0 when there is none). */
  VECTOR_SIM(false, "close in meaning to your search"),
  /** 1 / log2(1 + rank) of the item in the hybrid (BM25 + vector RRF) candidate list. */
  RETRIEVAL_RANK(false, "a top match for your search"),
  /** Fraction of the query's analysed terms found in the title's analysed terms. */
  TITLE_MATCH(false, "matches your search words"),
  /** P(item's category | query) from search-to-click logs, smoothed toward the top BM25 hits' categories. */
  INTENT_CATEGORY(false, "in the category shoppers want for this search"),
  /** The same for the item's top-level category. */
  INTENT_TOP_CATEGORY(false, "in the department shoppers want for this search"),
  /** The shopper's affinity to the item's category over their strongest category affinity (1 = favourite). */
  USER_CATEGORY(true, "you often shop %category%"),
  /** The same for the top-level category. */
  USER_TOP_CATEGORY(true, "you often shop %top%"),
  /** The shopper's affinity to the item's brand over their strongest brand affinity. */
  USER_BRAND(true, "you often buy %brand%"),
  /** The shopper's affinity to the item's shop over their strongest shop affinity. */
  USER_SHOP(true, "from a shop you like (%shop%)"),
  /** The shopper's affinity to the item's price band (within its category) over their strongest band affinity. */
  USER_PRICE_BAND(true, "matches your price range"),
  /**
   * Among the shopper's recent items in the item's top-level category, the fraction of the item's
   * brand (0 without such items): which brand they pick within this kind of product.
   */
  USER_BRAND_IN_CATEGORY(true, "you often choose %brand% for %top%"),
  /**
   * How close the item's price is to what the shopper paid attention to in its top-level category:
   * {@code exp(-d^2 / 0.5)} with {@code d} the difference of log prices from the mean of their recent
   * items there (0 without such items).
   */
  USER_PRICE_IN_CATEGORY(true, "priced like what you look at"),
  /** Collaborative score from the shopper's recent items (item-kNN similarity sum or ALS fold-in dot product). */
  COLLABORATIVE(true, "goes with items you looked at"),
  /** 1 when the item is among the shopper's recent items. */
  VIEWED(true, "you looked at this before"),
  /** 1 when the shopper bought the item before. */
  BOUGHT(true, "you bought this before"),
  /** log(1 + views + 2 carts + 3 purchases) over the logs. */
  POPULARITY(false, "popular"),
  /** Smoothed click-through rate of the item when shown in search results. */
  CTR(false, "often clicked"),
  /** Smoothed purchases per page view of the item. */
  CONVERSION(false, "often bought after a look"),
  /** Smoothed click-through rate of the item for this query (backs off to {@link #CTR}). */
  QUERY_CTR(false, "popular for this search"),
  /** Smoothed purchases per impression of the item for this query. */
  QUERY_CONVERSION(false, "often bought after this search"),
  /** log(1 + days since the item entered the catalog). */
  AGE_DAYS(false, "new arrival"),
  /** Average rating, shrunk toward the catalog mean. */
  RATING(false, "highly rated"),
  /** 1 when a promotion covering the item runs at request time. */
  ON_PROMOTION(false, "on promotion"),
  /** 1 when in stock. */
  IN_STOCK(false, "in stock"),
  /** 1 when the request comes from the app. */
  CHANNEL_APP(true, "popular in the app"),
  /** 1 when the request comes from the web site. */
  CHANNEL_WEB(true, "popular on the web"),
  /** 1 when the request comes from the mini-program. */
  CHANNEL_MINI(true, "popular in the mini-program");

  /** Length of the feature vector. */
  public static final int COUNT = values().length;

  private final boolean personal;
  private final String phrase;

  Feature(boolean personal, String phrase) {
    this.personal = personal;
    this.phrase = phrase;
  }

  /** True when the value depends on the shopper or their request channel (zeroed without personalization). */
  public boolean personal() {
    return personal;
  }

  /** The reason in words, with {@code %brand%}, {@code %shop%}, {@code %category%} and {@code %top%} placeholders. */
  public String phrase() {
    return phrase;
  }

  /** The column name used in saved models, e.g. {@code user_brand}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The column names in order. */
  public static String[] names() {
    String[] n = new String[COUNT];
    for (Feature f : values()) n[f.ordinal()] = f.wireName();
    return n;
  }
}
