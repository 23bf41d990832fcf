package io.shopsense.search.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.recommend.eval.AlgorithmResult;
import io.shopsense.recommend.eval.EvaluationReport;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.index.CatalogIndex;
import io.shopsense.search.rank.Feature;
import io.shopsense.search.rank.LinearRanker;
import io.shopsense.search.rank.LtrRanker;
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.RankerTrainer;
import io.shopsense.search.rank.RankingGroups;
import io.shopsense.search.rank.Retriever;
import io.shopsense.search.rank.SearchLog;
import io.shopsense.core.profile.PriceBands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate --task search}: how well each search method ranks what shoppers clicked, carted
 * and bought, on a temporal hold-out of the logged searches. The last {@code rank.eval.holdout} of
 * the searches with a positive label (at most {@code rank.eval.max_searches}) are held out; the re-rankers are trained on the earlier ones
 * (statistics from events before the cut-off only, the item-kNN collaborative model as
 * {@link RankerTrainer} fits it; profiles follow every event before each search, as the live path does). Each held-out query is re-run
 * against the catalog index and every method's list is judged with that session's labels
 * (purchase 3, cart 2, click 1), so all methods face the same labels:
 * <ul>
 *   <li>{@code bm25}: BM25 alone;</li>
 *   <li>{@code hybrid}: BM25 and vector candidates fused by reciprocal rank;</li>
 *   <li>{@code hybrid+linear}, {@code hybrid+lambdamart}: the hybrid candidates re-ranked for the
 *       shopper; {@code hybrid+lambdamart-nopers} is LambdaMART with {@code personalize=false}.</li>
 * </ul>
 * Metrics: graded NDCG@k (ideal from all the session's labels, retrieved or not) and MRR@k, over
 * all held-out searches and over synonym queries only ({@code syn_*}).
 */
public final class SearchEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEvaluation.class);

  /**
   * The store to evaluate on.
   *
   * @param events every event, in time order
   * @param synonymQueries normalised queries known to be synonym queries (from {@code queries.jsonl}),
   *     or null to detect them: queries none of whose words occur in the title of an item the
   *     shopper acted on
   */
  public record Data(String name, List<Event> events, List<Item> items, List<Promotion> promotions,
      Set<String> synonymQueries) {}

  private SearchEvaluation() {}

  /** Runs the evaluation over an index that holds the catalog. */
  public static EvaluationReport run(Data data, CatalogIndex index, Config config, int k) {
    RankSettings s = RankSettings.from(config);
    double holdout = config.getDouble("rank.eval.holdout");
    SearchLog log = SearchLog.build(data.events(), s.attributionWindowMs());
    Map<String, Item> catalog = new HashMap<>();
    for (Item it : data.items()) catalog.put(it.id(), it);
    LOG.info("search evaluation: {} searches ({} with a positive label), hold-out of the last {}%", log.sessions().size(),
        log.withPositives(), Math.round(holdout * 100));

    RankerTrainer.CollaborativeFit fit = config.get("rank.collaborative").equals("none") ? null
        : RankerTrainer.itemKnn(data.events(), data.items(), config, s);
    Retriever hybrid = Retriever.of(index, SearchMode.HYBRID).cached();
    Retriever bm25 = Retriever.of(index, SearchMode.BM25).cached();
    RankerTrainer.Inputs in = new RankerTrainer.Inputs(data.events(), catalog, data.promotions(), hybrid, fit);
    ProfileUpdater profiles = ProfileUpdater.from(config, PriceBands.fit(data.items()));
    RankerTrainer.HeldOut h = RankerTrainer.heldOut(in, s, profiles, log, holdout, config.getInt("rank.eval.max_searches"));
    long cutoff = h.cutoff();
    List<RankingGroups.Group> trainGroups = h.train();
    List<RankingGroups.Group> testGroups = h.test();
    var set = h.set();
    LOG.info("search evaluation: training on {} searches ({} rows), testing on {} from {}", trainGroups.size(), set.rows(),
        testGroups.size(), Instant.ofEpochMilli(cutoff));

    long t0 = System.nanoTime();
    LinearRanker linear = LinearRanker.fit(set, s.linearL2());
    double linearSeconds = (System.nanoTime() - t0) / 1e9;
    LOG.debug("linear ranker:\n{}", linear.save());
    t0 = System.nanoTime();
    LtrRanker ltr = LtrRanker.train(set, s.lgbm());
    double ltrSeconds = (System.nanoTime() - t0) / 1e9;

    Set<String> synonyms = data.synonymQueries() != null ? data.synonymQueries() : SynonymQueries.detect(testGroups, data.items());
    Judge judge = new Judge(k, synonyms);
    Map<String, Judge.Totals> totals = new LinkedHashMap<>();
    Map<String, Double> scoreSeconds = new HashMap<>();
    for (String m : List.of("bm25", "hybrid", "hybrid+linear", "hybrid+lambdamart", "hybrid+lambdamart-nopers")) {
      totals.put(m, new Judge.Totals());
      scoreSeconds.put(m, 0.0);
    }
    for (RankingGroups.Group g : testGroups) {
      SearchLog.SearchSession ss = g.session();
      List<String> bm = ids(Retriever.existingAt(bm25.retrieve(ss.query(), s.candidates()), ss.time()));
      judge.add(totals.get("bm25"), ss, bm);
      judge.add(totals.get("hybrid"), ss, g.retrievalOrder());
      timed(scoreSeconds, "hybrid+linear", () -> judge.add(totals.get("hybrid+linear"), ss, g.order(linear, g.features())));
      timed(scoreSeconds, "hybrid+lambdamart", () -> judge.add(totals.get("hybrid+lambdamart"), ss, g.order(ltr, g.features())));
      float[] anonymous = g.features().clone();
      for (int i = 0; i < g.hits().size(); i++) {
        for (Feature f : Feature.values()) if (f.personal()) anonymous[i * Feature.COUNT + f.ordinal()] = 0f;
      }
      timed(scoreSeconds, "hybrid+lambdamart-nopers",
          () -> judge.add(totals.get("hybrid+lambdamart-nopers"), ss, g.order(ltr, anonymous)));
    }
    ltr.close();
    h.close();

    double collabSeconds = h.collaborativeSeconds();
    Map<String, Double> fitSeconds = Map.of("hybrid+linear", linearSeconds + collabSeconds, "hybrid+lambdamart",
        ltrSeconds + collabSeconds, "hybrid+lambdamart-nopers", ltrSeconds + collabSeconds);
    List<AlgorithmResult> results = new ArrayList<>();
    for (var e : totals.entrySet()) {
      results.add(new AlgorithmResult(e.getKey(), params(e.getKey(), s), e.getValue().metrics(), Map.of(),
          fitSeconds.getOrDefault(e.getKey(), 0.0), scoreSeconds.get(e.getKey()), e.getValue().searches, 0, 1));
    }
    long pairs = testGroups.stream().mapToLong(g -> g.session().labels().size()).sum();
    String split = String.format("temporal: the last %.0f%% of searches with a positive label, from %s; trained on %d "
        + "searches (%d rows); %d synonym searches held out", holdout * 100, Instant.ofEpochMilli(cutoff), trainGroups.size(),
        set.rows(), totals.get("bm25").synonymSearches);
    return new EvaluationReport(data.name(), "temporal-search", split, k, 42, s.lgbm().threads(),
        "re-rank of the hybrid top " + s.candidates(), "retrieval order", testGroups.size(), pairs,
        new TreeMap<>(config.asMap()), results);
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static void timed(Map<String, Double> acc, String key, Runnable r) {
    long t = System.nanoTime();
    r.run();
    acc.merge(key, (System.nanoTime() - t) / 1e9, Double::sum);
  }

  private static Map<String, String> params(String method, RankSettings s) {
    Map<String, String> p = new LinkedHashMap<>();
    if (method.startsWith("hybrid+")) p.put("rank.candidates", Integer.toString(s.candidates()));
    if (method.startsWith("hybrid+lambdamart")) {
      p.put("rank.lgbm.iterations", Integer.toString(s.lgbm().iterations()));
      p.put("rank.lgbm.params", s.lgbm().params());
    }
    if (method.equals("hybrid+linear")) p.put("rank.linear.l2", Double.toString(s.linearL2()));
    return p;
  }
}
