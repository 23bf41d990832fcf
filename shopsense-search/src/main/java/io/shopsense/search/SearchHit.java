package io.shopsense.search;

/**
 * One result, with the retrieval signals a re-ranker needs as features.
 *
 * @param score the score the result list is ordered by: BM25 in bm25 mode, cosine similarity in
 *     vector mode, the fused RRF score in hybrid mode (0 when sorted by a field)
 * @param bm25Score the item's BM25 score for the query (0 when its text does not match)
 * @param bm25Rank 1-based rank in the BM25 candidate list, 0 when not among the candidates
 * @param vectorSimilarity cosine similarity of query and item vectors; null when there is no query
 *     vector (bm25 mode, no embedder) or the item has none in the query's language
 * @param vectorRank 1-based rank in the vector candidate list, 0 when not among the candidates
 */
public record SearchHit(String id, String title, String brand, String shop, String category, double price,
    boolean inStock, long created, double score, double bm25Score, int bm25Rank, Double vectorSimilarity,
    int vectorRank) {}
