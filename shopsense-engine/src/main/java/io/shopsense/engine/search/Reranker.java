package io.shopsense.engine.search;

import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.search.SearchHit;
import java.util.List;

/**
 * Personalised re-ranking of retrieved search candidates. The engine ships a transparent
 * {@link LinearReranker}; a learned one (LambdaMART in {@code io.shopsense.search.rank}) plugs in here.
 * Implementations are thread-safe and must return every hit exactly once.
 */
public interface Reranker {
  /** The hits in the new order, with the score they are ordered by and why. */
  List<Reranked> rerank(String query, List<SearchHit> hits, Context ctx);

  /**
   * What a re-ranker may read about the request.
   *
   * @param collaborative the shopper's collaborative score per snapshot column (their row's model
   *     scores, or a fold-in of their session), or null when there is none; set at least for the
   *     hits' columns (the engine scores only those when its model allows, the rest are then 0)
   */
  record Context(LiveView live, ModelSnapshot snap, CatalogView catalog, float[] collaborative) {}

  /**
   * @param source the dominant signal ({@code search}, {@code category}, {@code brand}, ...)
   * @param reason that signal in words
   */
  record Reranked(SearchHit hit, double score, String source, String reason) {}
}
