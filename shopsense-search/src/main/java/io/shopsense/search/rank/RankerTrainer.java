package io.shopsense.search.rank;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.knn.ItemKnn;
import java.util.ArrayList;
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
 *
 * <p>The collaborative model is the one feature not grown event by event: a model fitted on all
 * training events would have seen each training search's own clicks (the shopper's recent items
 * co-occur with what they clicked next), so the ranker would learn to over-trust it. Training
 * searches therefore get the collaborative scores of a model fitted only on events before the
 * training window, which starts after the first {@code rank.collaborative.warmup} of the searches;
 * serving uses a model fitted on everything before the cut-off.
 */
public final class RankerTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RankerTrainer.class);

  /**
   * What training reads.
   *
   * @param events the whole event stream in time order (read twice: it must be re-iterable)
   * @param catalog every item by id
   * @param retriever hybrid candidate retrieval (cached here per query)
   * @param collaborative fits the collaborative scorer on the events before a time (null result: no
   *     feature); null for no collaborative feature
   */
  public record Inputs(Iterable<Event> events, Map<String, Item> catalog, List<Promotion> promotions,
      Retriever retriever, CollaborativeFit collaborative) {}

  /** Fits a collaborative scorer on the events before a time. */
  @FunctionalInterface
  public interface CollaborativeFit {
    CollaborativeScores fit(long before);
  }

  /**
   * Which searches train: those with a positive label in {@code [from, until)}, the most recent
   * {@code rank.train.max_sessions} of them.
   */
  public record Plan(long from, long until, Predicate<SearchLog.SearchSession> training) {}

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
    Plan plan = plan(log, until, s, in.collaborative() != null);
    CollaborativeScores trainCollab = in.collaborative() == null ? null : in.collaborative().fit(plan.from());
    CollaborativeScores serveCollab = in.collaborative() == null ? null : in.collaborative().fit(until);
    Replayed r = replay(in, s, profiles, log, until, plan.training(), true, trainCollab, serveCollab, until);
    TrainingSet set = r.groups().trainingSet(r.bias());
    Ranker ranker = fit(set, r.groups().groups().size(), s);
    double secs = (System.nanoTime() - t0) / 1e9;
    LOG.info("search ranker: {} on {} searches ({} rows) of {} logged, {} s", ranker.kind(), r.groups().groups().size(),
        set.rows(), log.sessions().size(), String.format("%.1f", secs));
    r.features().close();
    return new Result(new PersonalizedRanker(r.heldOutFeatures(), ranker, s), log, r.groups().groups().size(),
        set.rows(), secs);
  }

  /**
   * The state after a replay: the statistics (frozen at the cut-off) read through the training
   * searches' collaborative model ({@code features}) and through the held-out/serving one
   * ({@code heldOutFeatures}), and the collected groups.
   */
  public record Replayed(RankingFeatures features, RankingFeatures heldOutFeatures, ItemStats stats,
      QueryIntent intent, PositionBias bias, RankingGroups groups) {}

  /**
   * Replays the events, collecting a group for every wanted search (statistics frozen at
   * {@code freezeAt}); searches from {@code heldOutFrom} on get {@code heldOutCollab}, earlier ones
   * {@code trainCollab}. Evaluation uses this to build training and test groups in one pass.
   */
  public static Replayed replay(Inputs in, RankSettings s, ProfileUpdater profiles, SearchLog log, long freezeAt,
      Predicate<SearchLog.SearchSession> wanted, boolean positivesOnly, CollaborativeScores trainCollab,
      CollaborativeScores heldOutCollab, long heldOutFrom) {
    ItemStats stats = new ItemStats(s.itemPrior(), s.queryPrior());
    QueryIntent intent = new QueryIntent(id -> {
      Item it = in.catalog().get(id);
      return it == null ? null : it.category();
    }, s.intentPrior());
    PositionBias bias = new PositionBias(s.ipwMaxWeight());
    PriceBands bands = PriceBands.fit(in.catalog().values());
    RankingFeatures features = new RankingFeatures(stats, intent, bands, new Promotions(in.promotions()), trainCollab,
        in.catalog()::get);
    RankingFeatures heldOut = features.withCollaborative(heldOutCollab);
    RankingGroups groups = new RankingGroups(x -> x.time() >= heldOutFrom ? heldOut : features, in.retriever().cached(),
        s.candidates(), positivesOnly);
    new SearchReplay(profiles, in.catalog()::get, stats, intent, bias, s.attributionWindowMs())
        .run(in.events(), log, freezeAt, wanted, groups);
    return new Replayed(features, heldOut, stats, intent, bias, groups);
  }

  /**
   * The training window before {@code until}: with a collaborative model, the searches after the
   * first {@code rank.collaborative.warmup} of those with a positive label (the model is fitted on
   * what comes before); without, all of them; at most the most recent {@code rank.train.max_sessions}.
   */
  public static Plan plan(SearchLog log, long until, RankSettings s, boolean collaborative) {
    List<SearchLog.SearchSession> pos = log.sessions().stream().filter(x -> x.hasPositive() && x.time() < until).toList();
    long from = Long.MIN_VALUE;
    if (collaborative && !pos.isEmpty()) from = pos.get((int) Math.min(pos.size() - 1, Math.floor(pos.size() * s.collaborativeWarmup()))).time();
    long start = from;
    List<SearchLog.SearchSession> window = pos.stream().filter(x -> x.time() >= start).toList();
    int firstOrdinal = window.size() <= s.maxTrainSessions() ? -1 : window.get(window.size() - s.maxTrainSessions()).ordinal();
    return new Plan(from, until, x -> x.hasPositive() && x.time() >= start && x.time() < until && x.ordinal() >= firstOrdinal);
  }

  /**
   * A temporal hold-out of the logged searches: groups for training (the {@link #plan} before the
   * cut-off, with a positive candidate) and for testing (every search with a positive label from
   * the cut-off on), collected in one {@link #replay} with the statistics frozen at the cut-off (the
   * state a snapshot trained then would serve with).
   *
   * @param cutoff searches at or after it are held out
   * @param set the training groups as learning-to-rank data
   * @param collaborativeSeconds time spent fitting the two collaborative models
   */
  public record HeldOut(SearchLog log, long cutoff, Replayed replayed, List<RankingGroups.Group> train,
      List<RankingGroups.Group> test, TrainingSet set, double collaborativeSeconds) {

    /** Frees what the replay holds (analyzers). */
    public void close() {
      replayed.features().close();
      replayed.heldOutFeatures().close();
    }
  }

  /**
   * Builds the hold-out: the last {@code fraction} of the searches with a positive label, at most
   * {@code max}, are held out ({@link SearchLog#cutoff(double, int)}); the training searches get the
   * collaborative model fitted before the training window, the held-out ones the model fitted
   * before the cut-off.
   *
   * @throws IllegalArgumentException when fewer than 2 searches have a positive label
   */
  public static HeldOut heldOut(Inputs in, RankSettings s, ProfileUpdater profiles, SearchLog log, double fraction,
      int max) {
    long cutoff = log.cutoff(fraction, max);
    Plan plan = plan(log, cutoff, s, in.collaborative() != null);
    long f0 = System.nanoTime();
    CollaborativeScores trainCollab = in.collaborative() == null ? null : in.collaborative().fit(plan.from());
    CollaborativeScores testCollab = in.collaborative() == null ? null : in.collaborative().fit(cutoff);
    double collabSeconds = (System.nanoTime() - f0) / 1e9;
    LOG.info("search ranker: hold-out from {}, collaborative models fitted in {} s; replaying the events",
        java.time.Instant.ofEpochMilli(cutoff), String.format("%.1f", collabSeconds));
    Replayed r = replay(in, s, profiles, log, cutoff,
        x -> x.hasPositive() && (x.time() >= cutoff || plan.training().test(x)), false, trainCollab, testCollab, cutoff);
    List<RankingGroups.Group> train = new ArrayList<>();
    List<RankingGroups.Group> test = new ArrayList<>();
    for (RankingGroups.Group g : r.groups().groups()) {
      if (g.session().time() >= cutoff) test.add(g);
      else if (g.hasPositive()) train.add(g);
    }
    return new HeldOut(log, cutoff, r, train, test, RankingGroups.trainingSet(train, r.bias()), collabSeconds);
  }

  /**
   * The behaviour statistics after every event (what a ranker trained on them serves with), fed
   * without replaying profiles or visiting searches. O(events).
   */
  public static Statistics statistics(Iterable<Event> events, Map<String, Item> catalog, RankSettings s) {
    ItemStats stats = new ItemStats(s.itemPrior(), s.queryPrior());
    QueryIntent intent = new QueryIntent(id -> {
      Item it = catalog.get(id);
      return it == null ? null : it.category();
    }, s.intentPrior());
    SearchReplay.feed(events, stats, intent, new PositionBias(s.ipwMaxWeight()), s.attributionWindowMs());
    return new Statistics(stats, intent);
  }

  /** The statistics a ranker serves with. */
  public record Statistics(ItemStats stats, QueryIntent intent) {}

  /**
   * The collaborative feature as evaluation and the engine fit it: item-kNN ({@code itemknn.*}) on
   * the interaction matrix ({@code matrix.*}) of the events before a time; null when there are none.
   *
   * @param events every event (filtered by time here)
   */
  public static CollaborativeFit itemKnn(List<Event> events, List<Item> items, Config config, RankSettings s) {
    return before -> {
      MatrixBuilder b = new MatrixBuilder(MatrixOptions.from(config)).filter(e -> e.time() < before);
      for (Event e : events) b.accept(e);
      InteractionMatrix m = b.build();
      if (m.nnz() == 0) return null;
      TrainedModel knn = new ItemKnn(config).fit(m, TrainContext.defaults().withConfig(config).withCatalog(items));
      return new CollaborativeScores(knn, m.colIds(), s.collaborativeRecent());
    };
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
