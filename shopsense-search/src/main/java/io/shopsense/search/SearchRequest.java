package io.shopsense.search;

/**
 * One search: the shopper's text, filters, order and page. Build with {@link #of(String)} and the
 * {@code with*} methods. Null filters mean "any"; a null mode means the configured default.
 *
 * @param query the text as typed; must not be blank (an empty query is an {@link InvalidQueryException})
 * @param category a category path prefix such as {@code Shoes>Running}
 * @param brand exact brand, case-insensitive
 * @param page 0-based
 * @param facets whether to count facets (costs one pass over the matches)
 */
public record SearchRequest(String query, SearchMode mode, String category, String brand, String shop,
    Double minPrice, Double maxPrice, Boolean inStock, SortOrder sort, int page, int size, boolean facets) {

  public SearchRequest {
    if (sort == null) sort = SortOrder.RELEVANCE;
  }

  /** Relevance order, first page of 10, default mode, facets on. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, null, null, null, null, null, null, null, SortOrder.RELEVANCE, 0, 10, true);
  }

  public SearchRequest withMode(SearchMode m) {
    return new SearchRequest(query, m, category, brand, shop, minPrice, maxPrice, inStock, sort, page, size, facets);
  }

  public SearchRequest withCategory(String c) {
    return new SearchRequest(query, mode, c, brand, shop, minPrice, maxPrice, inStock, sort, page, size, facets);
  }

  public SearchRequest withBrand(String b) {
    return new SearchRequest(query, mode, category, b, shop, minPrice, maxPrice, inStock, sort, page, size, facets);
  }

  public SearchRequest withShop(String s) {
    return new SearchRequest(query, mode, category, brand, s, minPrice, maxPrice, inStock, sort, page, size, facets);
  }

  public SearchRequest withPrice(Double min, Double max) {
    return new SearchRequest(query, mode, category, brand, shop, min, max, inStock, sort, page, size, facets);
  }

  public SearchRequest withInStock(Boolean s) {
    return new SearchRequest(query, mode, category, brand, shop, minPrice, maxPrice, s, sort, page, size, facets);
  }

  public SearchRequest withSort(SortOrder o) {
    return new SearchRequest(query, mode, category, brand, shop, minPrice, maxPrice, inStock, o, page, size, facets);
  }

  public SearchRequest withPage(int p, int s) {
    return new SearchRequest(query, mode, category, brand, shop, minPrice, maxPrice, inStock, sort, p, s, facets);
  }

  public SearchRequest withFacets(boolean f) {
    return new SearchRequest(query, mode, category, brand, shop, minPrice, maxPrice, inStock, sort, page, size, f);
  }
}
