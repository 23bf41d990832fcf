package io.shopsense.search.rank;

import io.shopsense.search.SearchHit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Serving-side re-ranking: the candidates of a search (hybrid retrieval order) get their feature
 * rows for this shopper and moment, the ranker scores them, and they come back best first (ties
 * keep retrieval order), each with its reasons in words when asked. With
 * {@link RankingContext#personalize()} false every personal feature is 0, so the order is the same
 * for every shopper. O(candidates x features) plus the ranker's scoring; thread-safe.
 */
public final class PersonalizedRanker implements AutoCloseable {
  /**
   * One re-ranked result.
   *
   * @param score the ranker's score
   * @param reasons why it ranks where it does (empty unless explanations were asked for)
   */
  public record RankedHit(SearchHit hit, double score, List<Explanations.Reason> reasons) {}

  private final RankingFeatures features;
  private final Ranker ranker;
  private final RankSettings settings;

  public PersonalizedRanker(RankingFeatures features, Ranker ranker, RankSettings settings) {
    this.features = features;
    this.ranker = ranker;
    this.settings = settings;
  }

  /** Re-ranks all candidates. */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, boolean explain) {
    return rerank(ctx, candidates, candidates.size(), explain);
  }

  /** The best {@code n} of the candidates (explanations computed for those only). */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, int n, boolean explain) {
    return rerank(ctx, candidates, n, explain ? n : 0);
  }

  /**
   * The best {@code n} of the candidates, the first {@code explainTop} of them with reasons (an
   * explanation costs one contribution pass per result: SHAP for LambdaMART).
   */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, int n, int explainTop) {
    int m = candidates.size();
    if (m == 0) return List.of();
    float[] x = features.compute(ctx, candidates);
    double[] s = ranker.score(x, m);
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
    List<RankedHit> out = new ArrayList<>(Math.min(n, m));
    for (int k = 0; k < Math.min(n, m); k++) {
      int i = order[k];
      List<Explanations.Reason> why = k < explainTop
          ? Explanations.reasons(ranker.contributions(x, i), candidates.get(i), settings.maxReasons(), settings.minReason())
          : List.of();
      out.add(new RankedHit(candidates.get(i), s[i], why));
    }
    return out;
  }

  public Ranker ranker() {
    return ranker;
  }

  public RankingFeatures features() {
    return features;
  }

  @Override
  public void close() {
    features.close();
    ranker.close();
  }
}
