package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.EventStore;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import io.shopsense.recommend.mf.IterativeRecommender;
import io.shopsense.search.rank.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train path: one scan of the store ({@link TrainingData}), the interaction matrix with the
 * production weights ({@link MatrixBuilder}) widened so every catalog item is a column (items without
 * events still get content neighbours and can be served), each configured algorithm fitted, the
 * {@link Holdout} figures, the {@link ItemStats}, and the search re-ranker ({@link SearchTraining},
 * from a copy of the events taken during the same scan). Produces an unpublished
 * {@link ModelSnapshot}; gating and publishing are the caller's.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  /** Progress stage: the store scan. */
  public static final String READING = "reading events";
  /** Progress stage: the holdout and the interaction matrix. */
  public static final String MATRIX = "building matrix";
  /** Progress stage: the item statistics. */
  public static final String STATS = "item statistics";
  /** Progress stage: the search re-ranker. */
  public static final String SEARCH = "search ranker";
  private final Config config;

  public Trainer(Config config) {
    this.config = config;
  }

  /** Parses {@code engine.algorithms} (or the given list): names must be registered. */
  public static List<String> algorithms(String list) {
    List<String> out = new ArrayList<>();
    for (String s : list.split(",")) {
      String a = s.trim();
      if (a.isEmpty() || out.contains(a)) continue;
      if (!Recommenders.names().contains(a)) {
        throw new IllegalArgumentException("unknown algorithm '" + a + "' in engine.algorithms; known: "
            + String.join(", ", Recommenders.names()));
      }
      out.add(a);
    }
    return out;
  }

  /** The progress stages {@link #train} reports, in order: the scan, the matrix, the statistics, each algorithm by name, the search ranker. */
  public static List<String> stages(List<String> algorithms, boolean searchRanker) {
    List<String> out = new ArrayList<>(List.of(READING, MATRIX, STATS));
    out.addAll(algorithms);
    if (searchRanker) out.add(SEARCH);
    return out;
  }

  /**
   * Trains a snapshot.
   *
   * @param version the version it will be published as
   * @param resolve alias to shopper
   * @param retriever the search index's candidate retrieval, for the search re-ranker; null trains none
   * @param progress told each of {@link #stages} as it starts, and each ALS/BPR iteration
   */
  public ModelSnapshot train(EventStore store, CatalogView catalog, List<String> algorithms, long version,
      Function<String, String> resolve, Retriever retriever, ProgressSink progress) {
    long t0 = System.nanoTime();
    progress.stage(READING);
    List<Item> items = new ArrayList<>(catalog.items());
    items.sort((a, b) -> a.id().compareTo(b.id()));
    Map<String, Item> byId = new LinkedHashMap<>();
    for (Item it : items) byId.put(it.id(), it);
    SearchEvents searchEvents = retriever == null ? null : new SearchEvents();
    TrainingData d = TrainingData.read(store, items, byId, resolve, searchEvents);
    progress.stage(MATRIX);
    MatrixOptions options = MatrixOptions.from(config);
    int evalUsers = config.getInt("engine.eval_users");
    long seed = config.getLong("engine.seed");
    Holdout holdout = Holdout.choose(d, options.weights(), evalUsers, seed);
    MatrixBuilder b = new MatrixBuilder(options, Math.max(16, d.n));
    if (d.newest != Long.MIN_VALUE) b.referenceTime(d.newest);
    for (int r = 0; r < d.n; r++) {
      if (d.item[r] >= 0 && !holdout.excludes(r)) b.accept(d.event(r));
    }
    InteractionMatrix matrix = withAllItems(b.build(), items);
    LOG.info("training: matrix {} users x {} items ({} with events), {} non-zeros; {} shoppers held out for evaluation",
        matrix.rows(), matrix.cols(), b.size() == 0 ? 0 : countNonEmptyColumns(matrix), matrix.nnz(), holdout.size());
    int threads = threads(config);
    progress.stage(STATS);
    StatsBuilder sb = new StatsBuilder(config, options.weights(), d, matrix, catalog);
    ItemStats stats = sb.build();
    TrainContext ctx = new TrainContext(config, seed, threads, items, null, stats.trend());
    Map<String, TrainedModel> models = new LinkedHashMap<>();
    Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    int done = 0;
    for (String a : algorithms) {
      progress.stage(a);
      long t1 = System.nanoTime();
      Recommender rec = Recommenders.create(a, config);
      String imported = config.get("engine.als_import").trim();
      // ALS trained elsewhere (shopsense-spark's SparkAlsJob): taken in instead of fitted here
      TrainedModel model = a.equals(ModelSnapshot.ALS) && !imported.isEmpty()
          ? ImportedFactors.als(java.nio.file.Path.of(imported), matrix) : fit(rec, matrix, ctx, progress);
      models.put(a, model);
      Map<String, Double> m = new LinkedHashMap<>(holdout.evaluate(model, matrix));
      m.put("fit_seconds", (System.nanoTime() - t1) / 1e9);
      metrics.put(a, m);
      done++;
      LOG.info("training: {} fitted in {} s, ndcg@10 {} ({}% of the algorithms)", a,
          String.format("%.2f", m.get("fit_seconds")), m.get("ndcg@10") == null ? "n/a" : String.format("%.4f", m.get("ndcg@10")),
          done * 100 / algorithms.size());
    }
    SearchTraining.Outcome search = null;
    if (searchEvents != null) {
      progress.stage(SEARCH);
      search = SearchTraining.train(searchEvents.inTimeOrder(), items, catalog.promotions(), retriever,
          models.get(ModelSnapshot.ITEMKNN) instanceof ItemNeighbourModel, config);
      metrics.put(SearchTraining.METRICS, search.metrics());
    }
    long created = System.currentTimeMillis();
    Manifest man = new Manifest(version, created, d.newest == Long.MIN_VALUE ? 0 : d.newest, algorithms, metrics,
        config.asMap(), d.read, matrix.rows(), matrix.cols(), Map.of(), search == null ? null : search.model().kind(),
        search == null ? null : search.report());
    LOG.info("training: snapshot {} built in {} s", version, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    return new ModelSnapshot(man, matrix, models, stats, search == null ? null : search.model());
  }

  /** Fits, reporting each iteration or epoch of an iterative algorithm (ALS, ALS-WR, BPR) as progress inside its stage. */
  private static TrainedModel fit(Recommender rec, InteractionMatrix matrix, TrainContext ctx, ProgressSink progress) {
    if (!(rec instanceof IterativeRecommender it)) return rec.fit(matrix, ctx);
    return it.fit(matrix, ctx, (done, total, seconds, loss) -> progress.within(done, total, it.unit() + " " + done + "/" + total));
  }

  /** The matrix with every catalog item appended as a column (CSR arrays shared; new columns are empty). */
  static InteractionMatrix withAllItems(InteractionMatrix m, List<Item> catalog) {
    IdIndex cols = new IdIndex(m.cols() + catalog.size());
    for (int i = 0; i < m.cols(); i++) cols.add(m.colIds().id(i));
    for (Item it : catalog) cols.add(it.id());
    if (cols.size() == m.cols()) return m;
    return new InteractionMatrix(m.rowIds(), cols, m.rowPointers(), m.colIndex(), m.values());
  }

  private static int countNonEmptyColumns(InteractionMatrix m) {
    boolean[] seen = new boolean[m.cols()];
    int c = 0;
    for (int i : m.colIndex()) if (!seen[i]) {
      seen[i] = true;
      c++;
    }
    return c;
  }

  /** {@code engine.threads}, 0 = all cores. */
  public static int threads(Config config) {
    int t = config.getInt("engine.threads");
    if (t < 0) throw new IllegalArgumentException("engine.threads must be 0 (all cores) or positive, got " + t);
    return t == 0 ? Runtime.getRuntime().availableProcessors() : t;
  }
}
