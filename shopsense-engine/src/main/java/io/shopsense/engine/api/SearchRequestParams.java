package io.shopsense.engine.api;

/**
 * A search request as the API receives it.
 *
 * @param q query text (1..256 characters)
 * @param user shopper id or alias, or null
 * @param n page size (1..200)
 * @param page 0-based page (capped)
 * @param category category path prefix filter, or null
 * @param brand brand filter, or null
 * @param shop shop filter, or null
 * @param minPrice lower price bound, or null
 * @param maxPrice upper price bound, or null
 * @param inStock only in-stock items when true, or null
 * @param personalize false = identical results for every shopper
 * @param explain fill source and reason per result
 * @param sort relevance|price_asc|price_desc|newest
 * @param channel app|web|mini or null
 */
public record SearchRequestParams(String q, String user, int n, int page, String category, String brand, String shop,
    Double minPrice, Double maxPrice, Boolean inStock, boolean personalize, boolean explain, String sort,
    String channel) {}
