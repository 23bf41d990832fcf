package io.shopsense.recommend.eval;

import java.util.Map;

/**
 * The figures of one algorithm on one split (or their mean over several splits).
 *
 * @param algorithm the registry name, e.g. {@code als}
 * @param parameters the algorithm's own config keys and values ({@code als.*})
 * @param metrics metric name to value (null when undefined, e.g. diversity at k = 1); names are
 *     {@code precision, recall, f1, ndcg, ndcg_graded, map, mrr, hit_rate, auc, coverage,
 *     novelty, diversity, rmse, mae} (the last two for rating predictors only)
 * @param stddev per-metric standard deviation across splits; empty for a single split
 * @param fitSeconds wall time of {@code fit}
 * @param scoreSeconds wall time of scoring and ranking every test user
 * @param usersEvaluated test users ranked
 * @param usersSkipped test users without training data (no row to score from)
 * @param splits how many splits the figures average (1 for one split)
 */
public record AlgorithmResult(String algorithm, Map<String, String> parameters, Map<String, Double> metrics,
    Map<String, Double> stddev, double fitSeconds, double scoreSeconds, int usersEvaluated, int usersSkipped,
    int splits) {

  /** One metric, NaN when absent or undefined. */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }
}
