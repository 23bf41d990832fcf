package io.shopsense.recommend.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honest tuning: tries every combination of a small grid of config values on a validation split
 * (carved from the training data, never the test split) and keeps the best by one metric. The
 * first combination wins ties, so the grid order states the preference.
 */
public final class GridSearch {
  private static final Logger LOG = LoggerFactory.getLogger(GridSearch.class);

  /** One combination and what it scored. */
  public record Trial(Map<String, String> params, AlgorithmResult result) {}

  /** All trials and the winning combination. */
  public record Outcome(String algorithm, String metric, Map<String, String> best, double bestValue, List<Trial> trials) {}

  private GridSearch() {}

  /**
   * Evaluates {@code algorithm} on {@code validation} for each combination of {@code grid} (key to
   * values, applied over {@code base}) and returns the best by {@code metric}.
   */
  public static Outcome search(Evaluator evaluator, String algorithm, Split validation, Config base,
      Map<String, List<String>> grid, String metric) {
    return search(evaluator, algorithm, validation, base, grid, metric, List.of());
  }

  /** As {@link #search(Evaluator, String, Split, Config, Map, String)}, with the catalog content-based models need. */
  public static Outcome search(Evaluator evaluator, String algorithm, Split validation, Config base,
      Map<String, List<String>> grid, String metric, List<Item> catalog) {
    return search(evaluator, algorithm, List.of(validation), base, combinations(grid), metric, catalog);
  }

  /**
   * Evaluates each of {@code combos} on every validation split and keeps the best by the metric's
   * mean over the splits. Several splits carved from the training data with different seeds make
   * the choice among near-equal settings less a matter of one split's noise. With one split a
   * trial holds that split's result, otherwise the mean ({@link AlgorithmResult#mean}).
   */
  public static Outcome search(Evaluator evaluator, String algorithm, List<Split> validations, Config base,
      List<Map<String, String>> combos, String metric, List<Item> catalog) {
    if (validations.isEmpty()) throw new IllegalArgumentException("no validation split to tune on");
    List<InteractionMatrix> trains = new ArrayList<>();
    for (Split v : validations) trains.add(v.train().toMatrix(false));
    List<Trial> trials = new ArrayList<>();
    Map<String, String> best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (Map<String, String> combo : combos) {
      Config c = base.with(combo);
      List<AlgorithmResult> perSplit = new ArrayList<>();
      for (int s = 0; s < validations.size(); s++) {
        perSplit.add(evaluator.evaluate(algorithm, validations.get(s), trains.get(s), c, catalog, null));
      }
      AlgorithmResult r = perSplit.size() == 1 ? perSplit.get(0) : AlgorithmResult.mean(perSplit);
      double v = r.metric(metric);
      LOG.info("tune {} {}: {} = {}{}", algorithm, combo, metric, String.format("%.4f", v),
          perSplit.size() == 1 ? "" : " (mean of " + perSplit.size() + " validation splits)");
      trials.add(new Trial(combo, r));
      if (v > bestValue) {
        bestValue = v;
        best = combo;
      }
    }
    if (best == null) throw new IllegalArgumentException("no combination of " + combos + " gave a " + metric);
    return new Outcome(algorithm, metric, best, bestValue, trials);
  }

  /** Every combination of the grid, the first key varying slowest. */
  public static List<Map<String, String>> combinations(Map<String, List<String>> grid) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : grid.entrySet()) {
      if (e.getValue().isEmpty()) throw new IllegalArgumentException("no values for " + e.getKey());
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }
}
