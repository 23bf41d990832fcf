package io.shopsense.search;

import java.util.List;
import java.util.Map;

/**
 * A page of results.
 *
 * @param mode the mode actually used (hybrid falls back to bm25 when no embedder is available)
 * @param total how many items match (BM25 matches plus vector candidates above the similarity floor)
 * @param relaxed true when the strict query matched too little and the any-term/fuzzy retry ran
 * @param facets by name ({@code category, brand, shop, price, in_stock}); empty when not requested.
 *     {@code category} lists the children of the category filter (top level without one).
 */
public record SearchResult(String query, SearchMode mode, long total, int page, int size, List<SearchHit> hits,
    Map<String, List<FacetValue>> facets, boolean relaxed) {

  public SearchResult {
    hits = List.copyOf(hits);
    facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets)); // keeps facet order
  }

  /** No match (for a query with no searchable words, such as only punctuation). */
  public static SearchResult empty(String query, SearchMode mode, int page, int size) {
    return new SearchResult(query, mode, 0, page, size, List.of(), Map.of(), false);
  }

  /** The ids of the hits, in order. */
  public List<String> ids() {
    return hits.stream().map(SearchHit::id).toList();
  }
}
