package io.shopsense.recommend.eval;

import io.shopsense.core.config.Config;
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
    var train = validation.train().toMatrix(false);
    List<Trial> trials = new ArrayList<>();
    Map<String, String> best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (Map<String, String> combo : combinations(grid)) {
      Config c = base.with(combo);
      AlgorithmResult r = evaluator.evaluate(algorithm, validation, train, c, catalog, null);
      double v = r.metric(metric);
      LOG.info("tune {} {}: {} = {}", algorithm, combo, metric, String.format("%.4f", v));
      trials.add(new Trial(combo, r));
      if (v > bestValue) {
        bestValue = v;
        best = combo;
      }
    }
    if (best == null) throw new IllegalArgumentException("no combination of " + grid + " gave a " + metric);
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
