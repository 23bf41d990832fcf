package io.shopsense.recommend.eval;

import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * The mean of one algorithm's results on several splits (e.g. folds): metrics, fit and score
   * seconds and user counts are averaged; {@code stddev} gets each metric's sample standard
   * deviation; the parameters are the first result's.
   */
  public static AlgorithmResult mean(List<AlgorithmResult> all) {
    if (all.isEmpty()) throw new IllegalArgumentException("no results to average");
    AlgorithmResult a = all.get(0);
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> sd = new LinkedHashMap<>();
    for (String m : a.metrics().keySet()) {
      double s = 0, s2 = 0;
      int n = 0;
      for (AlgorithmResult x : all) {
        double v = x.metric(m);
        if (Double.isNaN(v)) continue;
        s += v;
        s2 += v * v;
        n++;
      }
      mean.put(m, n == 0 ? null : s / n);
      sd.put(m, n < 2 ? null : Math.sqrt(Math.max(0, (s2 - s * s / n) / (n - 1))));
    }
    double fit = all.stream().mapToDouble(AlgorithmResult::fitSeconds).average().orElse(0);
    double score = all.stream().mapToDouble(AlgorithmResult::scoreSeconds).average().orElse(0);
    int users = (int) Math.round(all.stream().mapToInt(AlgorithmResult::usersEvaluated).average().orElse(0));
    int skipped = (int) Math.round(all.stream().mapToInt(AlgorithmResult::usersSkipped).average().orElse(0));
    return new AlgorithmResult(a.algorithm(), a.parameters(), mean, sd, fit, score, users, skipped, all.size());
  }
}
