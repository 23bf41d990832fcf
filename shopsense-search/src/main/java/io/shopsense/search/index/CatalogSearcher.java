package io.shopsense.search.index;

import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.SortOrder;
import io.shopsense.search.analysis.Language;
import io.shopsense.search.embed.Embedder;
import io.shopsense.search.hybrid.ReciprocalRankFusion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Runs a {@link SearchRequest} against the current index snapshot.
 *
 * <ol>
 *   <li>BM25 candidates: the strict query (all words); when it matches fewer than
 *       {@code search.fuzzy.min_hits} items, the relaxed one (any word, fuzzy English words).</li>
 *   <li>Vector candidates: the query embedded by its script's model, HNSW k-nearest neighbours in
 *       that language's field under the same filters, those below the similarity floor dropped.</li>
 *   <li>Ranking: BM25 order, vector order, or both fused by reciprocal rank; or a field sort over
 *       all matches.</li>
 *   <li>One counting pass over all matches (BM25 matches plus vector candidates) for the exact total
 *       and the facets.</li>
 * </ol>
 * Every hit carries its BM25 score and vector similarity, computed for the page when a retriever
 * did not rank it, so a re-ranker always gets both features.
 */
final class CatalogSearcher {
  private final SearcherManager manager;
  private final TextQueries queries;
  private final Embedder embedder;
  private final SearchSettings settings;
  private final ReciprocalRankFusion rrf;

  CatalogSearcher(SearcherManager manager, TextQueries queries, Embedder embedder, SearchSettings settings) {
    this.manager = manager;
    this.queries = queries;
    this.embedder = embedder;
    this.settings = settings;
    this.rrf = new ReciprocalRankFusion(settings.rrfK());
  }

  /** One retriever's ranked candidates: doc ids (global) with their scores, best first. */
  private record Ranked(int[] docs, float[] scores) {
    static final Ranked NONE = new Ranked(new int[0], new float[0]);

    Map<Integer, Integer> rankOf() {
      Map<Integer, Integer> m = new HashMap<>();
      for (int i = 0; i < docs.length; i++) m.putIfAbsent(docs[i], i + 1);
      return m;
    }
  }

  SearchResult search(SearchRequest req) throws IOException {
    String text = QueryText.clean(req.query(), settings.maxQueryChars());
    QueryText.validate(req, settings.maxPageSize());
    SearchMode mode = req.mode() != null ? req.mode() : settings.mode();
    if (mode != SearchMode.BM25 && embedder == null) mode = SearchMode.BM25;
    if (!queries.hasTerms(text)) return SearchResult.empty(text, mode, req.page(), req.size());

    Query filter = Filters.of(req);
    int pageEnd = (req.page() + 1) * req.size();
    int depth = Math.max(settings.candidates(), pageEnd);
    IndexSearcher searcher = manager.acquire();
    try {
      // in bm25 mode with relevance order, the candidate pass also counts (no second pass)
      boolean countWithText = mode == SearchMode.BM25 && req.sort() == SortOrder.RELEVANCE;
      FacetCollector counts = FacetCollector.none(req.facets(), settings.priceEdges());
      Query textQuery = null;
      Ranked bm25 = Ranked.NONE;
      boolean relaxed = false;
      if (mode != SearchMode.VECTOR) {
        textQuery = queries.strict(text);
        Pass strict = topByScore(searcher, Filters.and(textQuery, filter), depth, countWithText, req.facets());
        bm25 = strict.ranked();
        counts = strict.counts() != null ? strict.counts() : counts;
        if (bm25.docs().length < settings.fuzzyMinHits()) {
          Query loose = queries.relaxed(text, searcher.getIndexReader());
          Pass p = topByScore(searcher, Filters.and(loose, filter), depth, countWithText, req.facets());
          if (p.ranked().docs().length > bm25.docs().length) {
            textQuery = loose;
            bm25 = p.ranked();
            relaxed = true;
            counts = p.counts() != null ? p.counts() : counts;
          }
        }
      }
      Embedder.Vector qv = mode != SearchMode.BM25 ? embedder.embedQuery(text) : null;
      Ranked vec = qv == null ? Ranked.NONE : nearest(searcher, qv, filter, depth);

      // all matches: the text query's plus the vector candidates, under the filters
      BooleanQuery.Builder mb = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      if (textQuery != null) mb.add(textQuery, Occur.SHOULD);
      if (vec.docs().length > 0) mb.add(new TermInSetQuery(ItemDocuments.ID, idsOf(searcher, vec.docs())), Occur.SHOULD);
      if (filter != null) mb.add(filter, Occur.FILTER);
      BooleanQuery matches = mb.build();
      boolean anyMatch = textQuery != null || vec.docs().length > 0;
      var countManager = FacetCollector.manager(req.facets(), settings.priceEdges());

      List<ScoreDoc> ranked = new ArrayList<>();
      if (req.sort() != SortOrder.RELEVANCE) {
        if (anyMatch) {
          Object[] r = searcher.search(matches, new MultiCollectorManager(
              new TopFieldCollectorManager(sortOf(req.sort()), pageEnd, Integer.MAX_VALUE), countManager));
          for (ScoreDoc sd : ((TopDocs) r[0]).scoreDocs) ranked.add(new ScoreDoc(sd.doc, 0f));
          counts = (FacetCollector) r[1];
        }
      } else {
        if (anyMatch && !countWithText) counts = searcher.search(matches, countManager);
        ranked = relevanceOrder(mode, bm25, vec, relaxed);
      }

      int from = Math.min(req.page() * req.size(), ranked.size());
      int to = Math.min(pageEnd, ranked.size());
      int[] pageDocs = new int[to - from];
      for (int i = from; i < to; i++) pageDocs[i - from] = ranked.get(i).doc;
      List<SearchHit> hits = hits(searcher, text, textQuery, qv, pageDocs, ranked.subList(from, to), bm25, vec);
      return new SearchResult(text, mode, counts.total(), req.page(), req.size(), hits,
          counts.facets(settings.facetSize(), ItemDocuments.normalizeCategory(req.category())), relaxed);
    } finally {
      manager.release(searcher);
    }
  }

  /**
   * The page's hits with both retrieval features: the BM25 score of hits no BM25 list ranked (vector
   * mode uses the strict query) and the similarity of hits no vector list ranked, read in one pass.
   */
  private List<SearchHit> hits(IndexSearcher searcher, String text, Query textQuery, Embedder.Vector qv,
      int[] docs, List<ScoreDoc> ranked, Ranked bm25, Ranked vec) throws IOException {
    Map<Integer, Float> bm25Score = scores(bm25);
    Map<Integer, Float> vecScore = scores(vec);
    Map<Integer, Integer> bm25Rank = bm25.rankOf();
    Map<Integer, Integer> vecRank = vec.rankOf();
    double[] missingBm25 = null;
    if (java.util.Arrays.stream(docs).anyMatch(d -> !bm25Score.containsKey(d))) {
      Query q = textQuery != null ? textQuery : queries.strict(text);
      if (q != null) {
        Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE, 1f);
        missingBm25 = HitReader.scores(searcher, w, docs);
      }
    }
    HitReader.Fields[] fields = HitReader.read(searcher, docs);
    List<SearchHit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      int doc = docs[i];
      Float b = bm25Score.get(doc);
      double bm = b != null ? b : missingBm25 == null ? 0 : missingBm25[i];
      Float v = vecScore.get(doc);
      Double sim = v != null ? Double.valueOf(cosine(v)) : qv == null ? null : similarityOf(searcher, qv, doc);
      hits.add(fields[i].toHit(ranked.get(i).score, bm, bm25Rank.getOrDefault(doc, 0), sim,
          vecRank.getOrDefault(doc, 0)));
    }
    return hits;
  }

  private List<ScoreDoc> relevanceOrder(SearchMode mode, Ranked bm25, Ranked vec, boolean relaxed) {
    List<ScoreDoc> out = new ArrayList<>();
    if (mode == SearchMode.HYBRID) {
      double wBm25 = settings.weightBm25() * (relaxed ? settings.relaxedFactor() : 1.0);
      for (ReciprocalRankFusion.Fused f : rrf.fuse(List.of(bm25.docs(), vec.docs()),
          new double[] {wBm25, settings.weightVector()})) {
        out.add(new ScoreDoc(f.key(), (float) f.score()));
      }
      return out;
    }
    Ranked r = mode == SearchMode.BM25 ? bm25 : vec;
    for (int i = 0; i < r.docs().length; i++) {
      out.add(new ScoreDoc(r.docs()[i], mode == SearchMode.VECTOR ? (float) cosine(r.scores()[i]) : r.scores()[i]));
    }
    return out;
  }

  /** A candidate pass: the ranked top and, when asked, the counts over every match. */
  private record Pass(Ranked ranked, FacetCollector counts) {}

  /** The top {@code n} by score (exact total); with {@code count}, facets counted in the same pass. */
  private Pass topByScore(IndexSearcher searcher, Query q, int n, boolean count, boolean facets)
      throws IOException {
    if (q == null) return new Pass(Ranked.NONE, null);
    var top = new TopScoreDocCollectorManager(n, Integer.MAX_VALUE);
    if (!count) return new Pass(toRanked(searcher.search(q, top)), null);
    Object[] r = searcher.search(q, new MultiCollectorManager(top,
        FacetCollector.manager(facets, settings.priceEdges())));
    return new Pass(toRanked((TopDocs) r[0]), (FacetCollector) r[1]);
  }

  private Ranked nearest(IndexSearcher searcher, Embedder.Vector qv, Query filter, int k) throws IOException {
    String field = ItemDocuments.vectorField(qv.language());
    TopDocs td = searcher.search(new KnnFloatVectorQuery(field, qv.values(), k, filter), k);
    double floor = qv.language() == Language.ZH ? settings.minSimilarityZh() : settings.minSimilarityEn();
    int n = 0;
    while (n < td.scoreDocs.length && cosine(td.scoreDocs[n].score) >= floor) n++;
    int[] docs = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      docs[i] = td.scoreDocs[i].doc;
      scores[i] = td.scoreDocs[i].score;
    }
    return new Ranked(docs, scores);
  }

  private static Ranked toRanked(TopDocs td) {
    int[] docs = new int[td.scoreDocs.length];
    float[] scores = new float[td.scoreDocs.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = td.scoreDocs[i].doc;
      scores[i] = td.scoreDocs[i].score;
    }
    return new Ranked(docs, scores);
  }

  private static Map<Integer, Float> scores(Ranked r) {
    Map<Integer, Float> m = new HashMap<>();
    for (int i = 0; i < r.docs().length; i++) m.putIfAbsent(r.docs()[i], r.scores()[i]);
    return m;
  }

  /** Lucene scores DOT_PRODUCT of unit vectors as (1 + cos) / 2. */
  private static double cosine(float luceneScore) {
    return 2.0 * luceneScore - 1.0;
  }

  private static List<BytesRef> idsOf(IndexSearcher searcher, int[] docs) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<BytesRef> ids = new ArrayList<>(docs.length);
    int[] sorted = docs.clone();
    java.util.Arrays.sort(sorted);
    SortedDocValues dv = null;
    int leafIdx = -1;
    for (int doc : sorted) {
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIdx) {
        leafIdx = li;
        dv = leaves.get(li).reader().getSortedDocValues(ItemDocuments.ID);
      }
      if (dv != null && dv.advanceExact(doc - leaves.get(li).docBase)) ids.add(BytesRef.deepCopyOf(dv.lookupOrd(dv.ordValue())));
    }
    return ids;
  }

  private static Double similarityOf(IndexSearcher searcher, Embedder.Vector qv, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues fv = leaf.reader().getFloatVectorValues(ItemDocuments.vectorField(qv.language()));
    int local = doc - leaf.docBase;
    if (fv == null || fv.advance(local) != local) return null;
    float[] v = fv.vectorValue();
    double dot = 0;
    for (int i = 0; i < v.length; i++) dot += v[i] * qv.values()[i];
    return dot;
  }

  private static Sort sortOf(SortOrder o) {
    SortField id = new SortField(ItemDocuments.ID, SortField.Type.STRING);
    return switch (o) {
      case PRICE_ASC -> new Sort(new SortField(ItemDocuments.PRICE, SortField.Type.DOUBLE), id);
      case PRICE_DESC -> new Sort(new SortField(ItemDocuments.PRICE, SortField.Type.DOUBLE, true), id);
      case NEWEST -> new Sort(new SortField(ItemDocuments.CREATED, SortField.Type.LONG, true), id);
      case RATING -> {
        SortField r = new SortField(ItemDocuments.RATING, SortField.Type.DOUBLE, true);
        r.setMissingValue(Double.NEGATIVE_INFINITY); // unrated items last
        yield new Sort(r, id);
      }
      case RELEVANCE -> throw new IllegalArgumentException("relevance is not a field sort");
    };
  }
}
