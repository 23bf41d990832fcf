package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.search.eval.Judge;
import io.shopsense.search.rank.LinearRanker;
import io.shopsense.search.rank.LtrRanker;
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.Ranker;
import io.shopsense.search.rank.RankerTrainer;
import io.shopsense.search.rank.RankingGroups;
import io.shopsense.search.rank.Retriever;
import io.shopsense.search.rank.SearchLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a snapshot's search re-ranker from the store's logged searches (issue 4: LambdaMART from
 * logged search sessions, a transparent linear ranker until there are enough of them), with the
 * hold-out of {@code evaluate --task search} ({@link RankerTrainer#heldOut}):
 * <ol>
 *   <li>the searches are reconstructed from the events ({@link SearchLog}); the last
 *       {@code rank.eval.holdout} of those with a click, cart or purchase (at most
 *       {@code rank.eval.max_searches}) are held out;</li>
 *   <li>the linear ranker is fitted on the earlier ones (logistic regression; hand-set weights when
 *       no training search has a positive candidate), and LambdaMART too when at least
 *       {@code rank.min_sessions} training searches have one;</li>
 *   <li>each is judged on the held-out searches, next to no re-ranking (retrieval order): graded
 *       NDCG@10 as {@code evaluate --task search} computes it ({@link Judge});</li>
 *   <li>LambdaMART serves only when its NDCG@10 is higher than the linear ranker's; the kept ranker
 *       serves with the behaviour statistics of every event ({@link RankerTrainer#statistics}).</li>
 * </ol>
 * The served ranker is the one judged (trained before the cut-off), so the figures describe what
 * serves, as the recommenders' holdout does. The collaborative feature is used when the snapshot
 * fits item-kNN and {@code rank.collaborative=itemknn}: training reads item-kNN models fitted on
 * the events before each window, serving the snapshot's own.
 *
 * <p>Time O(events x 3 passes + (training + held-out searches) x candidates x features + the
 * LambdaMART fit); memory O(training rows x features).
 */
final class SearchTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SearchTraining.class);
  /** The cut-off of the held-out NDCG. */
  static final int K = 10;
  /** The manifest's metrics entry of the search ranker. */
  static final String METRICS = "search-ranker";

  /**
   * A trained search re-ranker.
   *
   * @param metrics held-out figures: {@code ndcg@10_none}, {@code ndcg@10_linear},
   *     {@code ndcg@10_lambdamart} (when trained), {@code searches} (held out), {@code train_searches},
   *     {@code lambdamart} (1 when it serves), {@code fit_seconds}
   * @param report what serves and why, in words (the train report's line)
   */
  record Outcome(SearchModel model, Map<String, Double> metrics, String report) {}

  private SearchTraining() {}

  /**
   * Trains on the events (time order, resolved shoppers).
   *
   * @param retriever the serving index's candidate retrieval
   * @param itemKnn true when the snapshot has an item-kNN model (the collaborative feature)
   */
  static Outcome train(List<Event> events, List<Item> items, Collection<Promotion> promotions, Retriever retriever,
      boolean itemKnn, Config config) {
    long t0 = System.nanoTime();
    RankSettings s = RankSettings.from(config);
    double fraction = config.getDouble("rank.eval.holdout");
    Map<String, Item> catalog = new HashMap<>();
    for (Item it : items) catalog.put(it.id(), it);
    SearchLog log = SearchLog.build(events, s.attributionWindowMs());
    int positives = log.withPositives();
    boolean collab = itemKnn && config.get("rank.collaborative").equals("itemknn");
    LOG.info("search ranker: {} logged searches, {} with a click, cart or purchase (10%, {})", log.sessions().size(),
        positives, secs(t0));
    Map<String, Double> m = new LinkedHashMap<>();
    if (positives < 2) {
      RankerTrainer.Statistics st = RankerTrainer.statistics(events, catalog, s);
      m.put("searches", 0.0);
      m.put("train_searches", 0.0);
      m.put("lambdamart", 0.0);
      m.put("fit_seconds", seconds(t0));
      return new Outcome(new SearchModel(LinearRanker.handSet(), st.stats(), st.intent(), false), m,
          "search ranker: linear with hand-set weights (" + positives + " logged searches led to a click, cart or "
          + "purchase; LambdaMART needs rank.min_sessions = " + s.minSessions() + ")");
    }

    RankerTrainer.Inputs in = new RankerTrainer.Inputs(events, catalog, new ArrayList<>(promotions), retriever,
        collab ? RankerTrainer.itemKnn(events, items, config, s) : null);
    ProfileUpdater profiles = ProfileUpdater.from(config, PriceBands.fit(items));
    RankerTrainer.HeldOut h = RankerTrainer.heldOut(in, s, profiles, log, fraction, config.getInt("rank.eval.max_searches"));
    int trained = h.train().size();
    List<RankingGroups.Group> test = h.test();
    LOG.info("search ranker: {} training searches ({} rows), {} held out (50%, {})", trained, h.set().rows(), test.size(),
        secs(t0));
    Ranker linear = trained == 0 ? LinearRanker.handSet() : LinearRanker.fit(h.set(), s.linearL2());
    LOG.info("search ranker: linear ranker fitted (60%, {})", secs(t0));
    LtrRanker ltr = trained >= s.minSessions() ? LtrRanker.train(h.set(), s.lgbm()) : null;
    LOG.info("search ranker: fitted, judging on the held-out searches (90%, {})", secs(t0));

    Judge judge = new Judge(K, Set.of());
    Judge.Totals none = new Judge.Totals();
    Judge.Totals lin = new Judge.Totals();
    Judge.Totals lm = new Judge.Totals();
    for (RankingGroups.Group g : test) {
      judge.add(none, g.session(), g.retrievalOrder());
      judge.add(lin, g.session(), g.order(linear, g.features()));
      if (ltr != null) judge.add(lm, g.session(), g.order(ltr, g.features()));
    }
    h.close();
    boolean useLtr = ltr != null && !test.isEmpty() && lm.ndcg() > lin.ndcg();
    Ranker served = useLtr ? ltr : linear;
    if (ltr != null && !useLtr) ltr.close();
    RankerTrainer.Statistics st = RankerTrainer.statistics(events, catalog, s);

    if (!test.isEmpty()) {
      m.put("ndcg@" + K + "_none", none.ndcg());
      m.put("ndcg@" + K + "_linear", lin.ndcg());
      if (ltr != null) m.put("ndcg@" + K + "_lambdamart", lm.ndcg());
    }
    m.put("searches", (double) test.size());
    m.put("train_searches", (double) trained);
    m.put("lambdamart", useLtr ? 1.0 : 0.0);
    m.put("fit_seconds", seconds(t0));
    String report = report(served, trained, test.size(), s.minSessions(), none, lin, ltr == null ? null : lm);
    LOG.info("{} ({})", report, secs(t0));
    return new Outcome(new SearchModel(served, st.stats(), st.intent(), collab), m, report);
  }

  /** What serves and why, in one line. */
  static String report(Ranker served, int trained, int heldOut, int minSessions, Judge.Totals none, Judge.Totals linear,
      Judge.Totals lambdamart) {
    String figures = heldOut == 0 ? "no held-out searches to judge on"
        : String.format(Locale.ROOT, "held-out NDCG@%d: %slinear %.4f, no re-ranking %.4f (%d searches)", K,
            lambdamart == null ? "" : String.format(Locale.ROOT, "lambdamart %.4f, ", lambdamart.ndcg()),
            linear.ndcg(), none.ndcg(), heldOut);
    if (trained == 0) return "search ranker: linear with hand-set weights (no training search had a clicked, carted or "
        + "bought candidate); " + figures;
    if (served.kind().equals("lambdamart")) {
      return "search ranker: lambdamart (beats linear on the held-out searches; trained on " + trained + " searches); " + figures;
    }
    if (lambdamart == null) {
      return "search ranker: linear (" + trained + " training searches, LambdaMART needs rank.min_sessions = " + minSessions
          + "); " + figures;
    }
    return "search ranker: linear (LambdaMART, trained on " + trained + " searches, did not beat it on the held-out "
        + "searches); " + figures;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Wall seconds since {@code t0}, and the process's CPU seconds so far (it includes concurrent requests). */
  private static String secs(long t0) {
    return String.format(Locale.ROOT, "%.1f s wall, process CPU %.1f s", seconds(t0), processCpu());
  }

  private static double processCpu() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() / 1e9 : Double.NaN;
  }
}
