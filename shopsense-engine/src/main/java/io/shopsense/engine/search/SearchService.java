package io.shopsense.engine.search;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Item;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.FacetCount;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.search.FacetValue;
import io.shopsense.search.InvalidQueryException;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.SortOrder;
import io.shopsense.search.embed.Embedder;
import io.shopsense.search.index.CatalogIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search over the {@link CatalogIndex} (BM25, embeddings and their fusion, filters, facets, sort and
 * paging as the index does them) with personalised re-ranking: when {@code personalize} is on, a
 * shopper is given and the order is relevance, the top {@code rerank.candidates} are retrieved and
 * re-ordered by the {@link Reranker}, then paged. With {@code personalize=false} the shopper is not
 * looked at at all, so every shopper gets identical results.
 */
public final class SearchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  private final CatalogIndex index;
  private final Embedder embedder;
  private final int maxPage;
  private final int candidates;
  private volatile Reranker reranker;

  private SearchService(CatalogIndex index, Embedder embedder, int maxPage, int candidates, Reranker reranker) {
    this.index = index;
    this.embedder = embedder;
    this.maxPage = maxPage;
    this.candidates = candidates;
    this.reranker = reranker;
  }

  /** Opens (creating) the index under {@code dir}; embeddings when {@code engine.embeddings} is true. */
  public static SearchService open(Path dir, Config config) {
    SearchSettings s = SearchSettings.from(config);
    int cand = config.getInt("rerank.candidates");
    if (cand < 1 || cand > 10_000) throw new IllegalArgumentException("rerank.candidates must be between 1 and 10000, got " + cand);
    Embedder emb = config.getBoolean("engine.embeddings") ? Embedder.open(dir, Embedder.Settings.from(config)) : null;
    SearchSettings wide = new SearchSettings(s.mode(), s.maxQueryChars(), Math.max(s.maxPageSize(), cand), s.candidates(),
        s.rrfK(), s.weightBm25(), s.weightVector(), s.relaxedFactor(), s.minSimilarityEn(), s.minSimilarityZh(),
        s.fuzzyMinHits(), s.bm25K1(), s.bm25B(), s.boostTitle(), s.boostBrand(), s.boostCategory(), s.facetSize(),
        s.priceEdges(), s.synonymsFile(), s.embedDescriptionChars(), s.indexChunk(), s.ramBufferMb(), s.hnswM(),
        s.hnswBeamWidth());
    try {
      return new SearchService(CatalogIndex.open(dir, wide, emb), emb, s.maxPageSize(), cand, new LinearReranker(config));
    } catch (RuntimeException e) {
      if (emb != null) emb.close();
      throw e;
    }
  }

  /** Swaps the re-ranker (e.g. for a learned one); requests in flight finish with the old one. */
  public void reranker(Reranker r) {
    this.reranker = Objects.requireNonNull(r, "reranker");
  }

  /** Builds the index from the catalog when it does not hold the same number of items. */
  public void sync(CatalogView catalog) {
    if (index.size() == catalog.size()) return;
    LOG.info("search index holds {} items, the catalog {}: indexing the catalog", index.size(), catalog.size());
    index.replaceAll(catalog.items(), Map.of());
    index.optimize();
  }

  public void upsert(Collection<Item> items) {
    index.upsert(items);
  }

  public void delete(String id) {
    index.delete(List.of(id));
  }

  public int size() {
    return index.size();
  }

  /** A page of results and the facets. */
  public record Page(List<ResultItem> results, Map<String, List<FacetCount>> facets) {}

  /**
   * Runs a search; {@code live} and {@code collaborative} are only read when personalising.
   *
   * @throws BadRequestException naming the parameter for bad input
   */
  public Page search(SearchRequestParams q, LiveView live, ModelSnapshot snap, CatalogView catalog, float[] collaborative) {
    return search(q, live, snap, catalog, cols -> collaborative);
  }

  /**
   * As {@link #search(SearchRequestParams, LiveView, ModelSnapshot, CatalogView, float[])}, the
   * collaborative scores asked for only when the results are personalised, for the candidates'
   * snapshot columns (the function may fill only those entries, or return null).
   */
  public Page search(SearchRequestParams q, LiveView live, ModelSnapshot snap, CatalogView catalog,
      Function<int[], float[]> collaborative) {
    if (q.n() < 1 || q.n() > maxPage) throw new BadRequestException("n", "n must be between 1 and " + maxPage + ", got " + q.n());
    if (q.page() < 0) throw new BadRequestException("page", "page must be >= 0, got " + q.page());
    SortOrder sort;
    try {
      sort = q.sort() == null || q.sort().isBlank() ? SortOrder.RELEVANCE : SortOrder.parse(q.sort());
    } catch (InvalidQueryException e) {
      throw new BadRequestException("sort", e.getMessage());
    }
    boolean personal = q.personalize() && live != null && live.hasHistory() && sort == SortOrder.RELEVANCE;
    int end = (q.page() + 1) * q.n();
    SearchRequest base = new SearchRequest(q.q(), null, q.category(), q.brand(), q.shop(), q.minPrice(), q.maxPrice(),
        q.inStock(), sort, q.page(), q.n(), true);
    SearchResult r;
    try {
      r = personal ? index.search(base.withPage(0, Math.max(candidates, end))) : index.search(base);
    } catch (InvalidQueryException e) {
      throw new BadRequestException(e.field(), e.getMessage());
    }
    List<ResultItem> out = new ArrayList<>();
    if (personal) {
      int[] cols = new int[r.hits().size()];
      int m = 0;
      for (SearchHit h : r.hits()) {
        int col = snap.itemIndex(h.id());
        if (col >= 0) cols[m++] = col;
      }
      float[] collab = collaborative.apply(java.util.Arrays.copyOf(cols, m));
      List<Reranker.Reranked> rr = reranker.rerank(q.q(), r.hits(), new Reranker.Context(live, snap, catalog, collab));
      for (int i = q.page() * q.n(); i < Math.min(end, rr.size()); i++) {
        Reranker.Reranked x = rr.get(i);
        out.add(item(x.hit(), x.score(), q.explain() ? x.source() : null, q.explain() ? x.reason() : null));
      }
    } else {
      for (SearchHit h : r.hits()) {
        out.add(item(h, h.score(), q.explain() ? "search" : null, q.explain() ? why(h) : null));
      }
    }
    Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
    r.facets().forEach((k, v) -> facets.put(k, v.stream().map((FacetValue f) -> new FacetCount(f.value(), f.count())).toList()));
    return new Page(out, facets);
  }

  private static String why(SearchHit h) {
    if (h.bm25Rank() > 0 && h.vectorRank() > 0) return "matches the words and the meaning of your query";
    if (h.vectorRank() > 0) return "close in meaning to your query";
    return "matches the words of your query";
  }

  private static ResultItem item(SearchHit h, double score, String source, String reason) {
    return new ResultItem(h.id(), h.title(), h.price(), h.shop(), h.category(), h.brand(), score, source, reason);
  }

  /** Items nearest to an item's title and brand (for items the models do not know yet). */
  public List<String> textNeighbours(Item anchor, int k) {
    String text = (anchor.title() == null ? "" : anchor.title()) + (anchor.brand() == null ? "" : " " + anchor.brand());
    if (text.isBlank()) return List.of();
    try {
      SearchRequest req = new SearchRequest(text.length() > 200 ? text.substring(0, 200) : text, SearchMode.HYBRID, null,
          null, null, null, null, null, SortOrder.RELEVANCE, 0, Math.min(k, candidates), false);
      return index.search(req).ids();
    } catch (InvalidQueryException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      if (embedder != null) embedder.close();
    }
  }
}
