package io.shopsense.recommend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation run measured, with what is needed to repeat it.
 *
 * @param dataset where the data came from (paths or store)
 * @param protocol {@code holdout}, {@code temporal}, {@code loo}, {@code kfold}, {@code ncf} or {@code given}
 * @param split the split's own description (fractions, seed, files)
 * @param k the cut-off of every ranking metric
 * @param seed the training and splitting seed
 * @param threads worker threads for fitting and scoring
 * @param ranking {@code full} (catalog minus training items) or {@code sampled} (given candidates)
 * @param ties how ties are broken: always {@code pessimistic} (a relevant item ranks below irrelevant
 *     items with the same score)
 * @param testUsers users in the test set
 * @param testPairs relevant (user, item) pairs in the test set
 * @param config every config key and value in force
 * @param results one entry per algorithm, in the order requested
 */
public record EvaluationReport(String dataset, String protocol, String split, int k, long seed, int threads,
    String ranking, String ties, int testUsers, long testPairs, Map<String, String> config,
    List<AlgorithmResult> results) {

  /** The result of one algorithm, or null. */
  public AlgorithmResult result(String algorithm) {
    for (AlgorithmResult r : results) if (r.algorithm().equals(algorithm)) return r;
    return null;
  }

  /**
   * The mean of several reports over the same algorithms (e.g. the five MovieLens folds), each
   * algorithm's results averaged by {@link AlgorithmResult#mean}.
   */
  public static EvaluationReport mean(List<EvaluationReport> reports, String split) {
    if (reports.isEmpty()) throw new IllegalArgumentException("no reports to average");
    EvaluationReport first = reports.get(0);
    List<AlgorithmResult> out = new ArrayList<>();
    for (AlgorithmResult a : first.results()) {
      List<AlgorithmResult> all = new ArrayList<>();
      for (EvaluationReport r : reports) {
        AlgorithmResult x = r.result(a.algorithm());
        if (x == null) throw new IllegalArgumentException("report " + r.split() + " lacks " + a.algorithm());
        all.add(x);
      }
      out.add(AlgorithmResult.mean(all));
    }
    int users = (int) Math.round(reports.stream().mapToInt(EvaluationReport::testUsers).average().orElse(0));
    long pairs = Math.round(reports.stream().mapToLong(EvaluationReport::testPairs).average().orElse(0));
    return new EvaluationReport(first.dataset(), first.protocol(), split, first.k(), first.seed(), first.threads(),
        first.ranking(), first.ties(), users, pairs, first.config(), out);
  }
}
