package io.shopsense.search.rank;

import io.shopsense.search.InvalidQueryException;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.index.CatalogIndex;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Candidate retrieval for re-ranking: the first {@code n} hits of a query, best first. */
@FunctionalInterface
public interface Retriever {
  List<SearchHit> retrieve(String query, int n);

  /**
   * Retrieval over a catalog index in the given mode, without facets; a query the index rejects
   * (too long, nothing searchable) retrieves nothing.
   *
   * @throws IllegalArgumentException when {@code n} exceeds the index's {@code search.page.max_size}
   */
  static Retriever of(CatalogIndex index, SearchMode mode) {
    return (query, n) -> {
      int max = index.settings().maxPageSize();
      if (n > max) {
        throw new IllegalArgumentException("retrieving " + n + " candidates needs search.page.max_size >= " + n
            + " (it is " + max + "); raise it or lower rank.candidates");
      }
      try {
        return index.search(SearchRequest.of(query).withMode(mode).withPage(0, n).withFacets(false)).hits();
      } catch (InvalidQueryException e) {
        return List.of();
      }
    };
  }

  /**
   * The same retrieval remembered per normalised query (training and evaluation replay the same
   * queries many times over a fixed index). Unbounded: for offline use.
   */
  default Retriever cached() {
    Map<String, List<SearchHit>> cache = new ConcurrentHashMap<>();
    Retriever self = this;
    return (query, n) -> cache.computeIfAbsent(QueryKey.of(query) + '\u0000' + n, k -> self.retrieve(query, n));
  }

  /** The hits of items that existed at {@code time} (created at or before it, or of unknown age). */
  static List<SearchHit> existingAt(List<SearchHit> hits, long time) {
    return hits.stream().filter(h -> h.created() <= time).toList();
  }
}
