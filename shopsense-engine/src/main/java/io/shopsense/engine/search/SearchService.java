package io.shopsense.engine.search;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Item;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.FacetCount;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.engine.snapshot.SearchModel;
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
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.Retriever;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search over the {@link CatalogIndex} (BM25, embeddings and their fusion, filters, facets, sort and
 * paging as the index does them) with learned re-ranking: in relevance order the top
 * {@code rank.candidates} are retrieved and re-ordered by the serving snapshot's search ranker
 * ({@link LearnedReranker} over the snapshot's {@link SearchModel}; the hand-set linear ranker
 * before the first training), then paged. A shopper with history gets the personal features; with
 * {@code personalize=false} (or no shopper) the shopper is not looked at at all, so every shopper
 * gets identical results. Other sort orders are the index's alone.
 */
public final class SearchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  private final CatalogIndex index;
  private final Embedder embedder;
  private final int maxPage;
  private final RankSettings rank;
  private final SearchModel handSet;
  /** The serving re-ranker of the last (snapshot, catalog view) pair: rebuilt when either changes. */
  private final AtomicReference<Serving> serving = new AtomicReference<>();

  private record Serving(ModelSnapshot snap, CatalogView catalog, LearnedReranker reranker) {}

  private SearchService(CatalogIndex index, Embedder embedder, int maxPage, RankSettings rank) {
    this.index = index;
    this.embedder = embedder;
    this.maxPage = maxPage;
    this.rank = rank;
    this.handSet = SearchModel.handSet(rank);
  }

  /** Opens (creating) the index under {@code dir}; embeddings when {@code engine.embeddings} is true. */
  public static SearchService open(Path dir, Config config) {
    SearchSettings s = SearchSettings.from(config);
    RankSettings rank = RankSettings.from(config);
    int cand = rank.candidates();
    if (cand > 10_000) throw new IllegalArgumentException("rank.candidates must be between 1 and 10000, got " + cand);
    Embedder emb = config.getBoolean("engine.embeddings") ? Embedder.open(dir, Embedder.Settings.from(config)) : null;
    SearchSettings wide = new SearchSettings(s.mode(), s.maxQueryChars(), Math.max(s.maxPageSize(), cand), s.candidates(),
        s.rrfK(), s.weightBm25(), s.weightVector(), s.relaxedFactor(), s.minSimilarityEn(), s.minSimilarityZh(),
        s.fuzzyMinHits(), s.bm25K1(), s.bm25B(), s.boostTitle(), s.boostBrand(), s.boostCategory(), s.facetSize(),
        s.priceEdges(), s.synonymsFile(), s.embedDescriptionChars(), s.indexChunk(), s.ramBufferMb(), s.hnswM(),
        s.hnswBeamWidth());
    try {
      return new SearchService(CatalogIndex.open(dir, wide, emb), emb, s.maxPageSize(), rank);
    } catch (RuntimeException e) {
      if (emb != null) emb.close();
      throw e;
    }
  }

  /** Candidate retrieval as serving does it (the configured mode, no filters), for training the ranker. */
  public Retriever retriever() {
    return Retriever.of(index, index.settings().mode());
  }

  /**
   * The re-ranker serving with this snapshot over this catalog view (the snapshot's search model,
   * or the hand-set linear ranker when it has none).
   */
  public LearnedReranker reranker(ModelSnapshot snap, CatalogView catalog) {
    Serving s = serving.get();
    if (s != null && s.snap() == snap && s.catalog() == catalog) return s.reranker();
    SearchModel m = snap.search() != null ? snap.search() : handSet;
    LearnedReranker made = new LearnedReranker(m.serving(snap, catalog, rank));
    serving.set(new Serving(snap, catalog, made));
    return made;
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
   * Runs a search.
   *
   * @param live the shopper's live state, or null for a non-personalized search (only read when
   *     the shopper has history)
   * @param now the request time (item age, running promotions)
   * @throws BadRequestException naming the parameter for bad input
   */
  public Page search(SearchRequestParams q, LiveView live, ModelSnapshot snap, CatalogView catalog, long now) {
    if (q.n() < 1 || q.n() > maxPage) throw new BadRequestException("n", "n must be between 1 and " + maxPage + ", got " + q.n());
    if (q.page() < 0) throw new BadRequestException("page", "page must be >= 0, got " + q.page());
    Channel channel = q.channel() == null ? null : Channel.fromWire(q.channel());
    if (q.channel() != null && channel == null) throw new BadRequestException("channel", "channel must be app, web or mini");
    SortOrder sort;
    try {
      sort = q.sort() == null || q.sort().isBlank() ? SortOrder.RELEVANCE : SortOrder.parse(q.sort());
    } catch (InvalidQueryException e) {
      throw new BadRequestException("sort", e.getMessage());
    }
    boolean rerank = sort == SortOrder.RELEVANCE;
    LiveView shopper = q.personalize() && live != null && live.hasHistory() ? live : null;
    int end = (q.page() + 1) * q.n();
    SearchRequest base = new SearchRequest(q.q(), null, q.category(), q.brand(), q.shop(), q.minPrice(), q.maxPrice(),
        q.inStock(), sort, q.page(), q.n(), true);
    SearchResult r;
    try {
      r = rerank ? index.search(base.withPage(0, Math.max(rank.candidates(), end))) : index.search(base);
    } catch (InvalidQueryException e) {
      throw new BadRequestException(e.field(), e.getMessage());
    }
    List<ResultItem> out = new ArrayList<>();
    if (rerank) {
      List<LearnedReranker.Reranked> rr = reranker(snap, catalog).rerank(q.q(), r.hits(), shopper, channel, now, end,
          q.explain() ? end : 0);
      for (int i = q.page() * q.n(); i < rr.size(); i++) {
        LearnedReranker.Reranked x = rr.get(i);
        out.add(item(x.hit(), x.score(), q.explain() ? x.source() : null, q.explain() ? x.reason() : null));
      }
    } else {
      for (SearchHit h : r.hits()) {
        out.add(item(h, h.score(), q.explain() ? "search" : null, q.explain() ? LearnedReranker.retrievalReason(h) : null));
      }
    }
    Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
    r.facets().forEach((k, v) -> facets.put(k, v.stream().map((FacetValue f) -> new FacetCount(f.value(), f.count())).toList()));
    return new Page(out, facets);
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
          null, null, null, null, null, SortOrder.RELEVANCE, 0, Math.min(k, rank.candidates()), false);
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
