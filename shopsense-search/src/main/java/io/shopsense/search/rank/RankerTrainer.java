package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileUpdater;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the search re-ranker from the event log: reconstructs the logged searches
 * ({@link SearchLog}), replays the events so each search's features are those of its moment
 * ({@link SearchReplay}), re-retrieves each search's candidates and labels them from the session
 * ({@link RankingGroups}), then fits LambdaMART when at least {@code rank.min_sessions} searches
 * have a positive candidate, else the linear ranker (logistic regression; hand-set weights when
 * there are none). The returned {@link PersonalizedRanker} serves with the statistics as of the
 * training cut-off. Time O(events + searches x candidates x features + model fitting).
 */
public final class RankerTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RankerTrainer.class);

  /**
   * What training reads.
   *
   * @param events the whole event stream in time order (read twice: it must be re-iterable)
   * @param catalog every item by id
   * @param retriever hybrid candidate retrieval (cached here per query)
   * @param collaborative collaborative scorer, or null
   */
  public record Inputs(Iterable<Event> events, Map<String, Item> catalog, List<Promotion> promotions,
      Retriever retriever, CollaborativeScores collaborative) {}

  /** A trained re-ranker and what it learned from. */
  public record Result(PersonalizedRanker ranker, SearchLog log, int sessions, int rows, double seconds) {}

  private RankerTrainer() {}

  /**
   * Trains on the searches before {@code until} (statistics frozen there; {@link Long#MAX_VALUE}
   * for everything).
   */
  public static Result train(Inputs in, RankSettings s, ProfileUpdater profiles, long until) {
    long t0 = System.nanoTime();
    SearchLog log = SearchLog.build(in.events(), s.attributionWindowMs());
    Replayed r = replay(in, s, profiles, log, until, trainingSelection(log, until, s.maxTrainSessions()), true);
    TrainingSet set = r.groups().trainingSet(r.bias());
    Ranker ranker = fit(set, r.groups().groups().size(), s);
    double secs = (System.nanoTime() - t0) / 1e9;
    LOG.info("search ranker: {} on {} searches ({} rows) of {} logged, {} s", ranker.kind(), r.groups().groups().size(),
        set.rows(), log.sessions().size(), String.format("%.1f", secs));
    return new Result(new PersonalizedRanker(r.features(), ranker, s), log, r.groups().groups().size(), set.rows(), secs);
  }

  /** The state after a replay: the live statistics (frozen at the cut-off) and the collected groups. */
  public record Replayed(RankingFeatures features, ItemStats stats, QueryIntent intent, PositionBias bias,
      RankingGroups groups) {}

  /**
   * Replays the events, collecting a group for every wanted search (statistics frozen at
   * {@code freezeAt}). Evaluation uses this to build training and test groups in one pass.
   */
  public static Replayed replay(Inputs in, RankSettings s, ProfileUpdater profiles, SearchLog log, long freezeAt,
      Predicate<SearchLog.SearchSession> wanted, boolean positivesOnly) {
    ItemStats stats = new ItemStats(s.itemPrior(), s.queryPrior());
    QueryIntent intent = new QueryIntent(id -> {
      Item it = in.catalog().get(id);
      return it == null ? null : it.category();
    }, s.intentPrior());
    PositionBias bias = new PositionBias(s.ipwMaxWeight());
    PriceBands bands = PriceBands.fit(in.catalog().values());
    RankingFeatures features = new RankingFeatures(stats, intent, bands, new Promotions(in.promotions()), in.collaborative());
    RankingGroups groups = new RankingGroups(features, in.retriever().cached(), s.candidates(), positivesOnly);
    new SearchReplay(profiles, in.catalog()::get, stats, intent, bias, s.attributionWindowMs())
        .run(in.events(), log, freezeAt, wanted, groups);
    return new Replayed(features, stats, intent, bias, groups);
  }

  /** The searches with a positive label before {@code until}, the most recent {@code max} of them. */
  public static Predicate<SearchLog.SearchSession> trainingSelection(SearchLog log, long until, int max) {
    List<SearchLog.SearchSession> pos = log.sessions().stream().filter(x -> x.hasPositive() && x.time() < until).toList();
    int firstOrdinal = pos.size() <= max ? 0 : pos.get(pos.size() - max).ordinal();
    return x -> x.hasPositive() && x.time() < until && x.ordinal() >= firstOrdinal;
  }

  /**
   * LambdaMART with enough groups, else linear: fitted by logistic regression on what there is,
   * hand-set when there are no groups.
   */
  public static Ranker fit(TrainingSet set, int groups, RankSettings s) {
    if (groups == 0) return LinearRanker.handSet();
    if (groups < s.minSessions()) return LinearRanker.fit(set, s.linearL2());
    return LtrRanker.train(set, s.lgbm());
  }
}
