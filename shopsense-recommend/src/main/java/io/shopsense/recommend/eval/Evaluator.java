package io.shopsense.recommend.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits each requested algorithm on a split's training part (timing the fit), ranks every test user
 * in parallel, and measures the lists at k: precision, recall, F1, NDCG (binary, and graded when
 * the test grades differ), MAP, MRR, hit rate and AUC per user, then averaged over users; catalog
 * coverage and novelty over all lists; intra-list diversity per user; RMSE and MAE for the
 * algorithms named in {@code eval.rating_predictors}. Per-user results are combined in user order,
 * so the figures do not depend on the thread count.
 *
 * <p>The training matrix holds the split's training values as they are (readers and
 * {@link StoreData} decide the weights). Config keys: {@code eval.k}, {@code eval.seed},
 * {@code eval.threads}, {@code eval.diversity}, {@code eval.rating_predictors}.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
  private final BiFunction<String, Config, Recommender> factory;

  /** @param factory makes an algorithm from its name and the config (e.g. {@code Recommenders::create}) */
  public Evaluator(BiFunction<String, Config, Recommender> factory) {
    this.factory = factory;
  }

  /**
   * Evaluates every algorithm on the split.
   *
   * @param catalog the items, for content-based models and category diversity; may be empty
   * @param dump receives every test user's list, or null
   */
  public EvaluationReport evaluate(Split split, List<String> algorithms, Config config, List<Item> catalog,
      String dataset, String protocol, RecsWriter dump) {
    if (algorithms.isEmpty()) throw new IllegalArgumentException("no algorithms to evaluate");
    int k = config.getInt("eval.k");
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
    InteractionMatrix train = split.train().toMatrix(false);
    List<AlgorithmResult> results = new ArrayList<>();
    for (String a : algorithms) results.add(evaluate(a, split, train, config, catalog, dump));
    return new EvaluationReport(dataset, protocol, split.name(), k, config.getLong("eval.seed"), threads(config),
        split.test().sampled() ? "sampled" : "full", "pessimistic", split.test().size(), split.test().pairs(),
        config.asMap(), results);
  }

  /** Evaluates one algorithm on a split whose training matrix is already built. */
  public AlgorithmResult evaluate(String algorithm, Split split, InteractionMatrix train, Config config,
      List<Item> catalog, RecsWriter dump) {
    int k = config.getInt("eval.k");
    int threads = threads(config);
    Recommender rec = factory.apply(algorithm, config);
    TrainContext ctx = new TrainContext(config, config.getLong("eval.seed"), threads, catalog, null);
    LOG.info("{}: fitting on {} users x {} items, {} interactions", algorithm, train.rows(), train.cols(), train.nnz());
    long t0 = System.nanoTime();
    TrainedModel model = rec.fit(train, ctx);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    LOG.info("{}: fitted in {} s", algorithm, String.format("%.2f", fitSeconds));
    if (model.numItems() != train.cols()) {
      throw new IllegalStateException(algorithm + " scores " + model.numItems() + " items, the matrix has " + train.cols());
    }
    TestSet test = split.test();
    ItemDistance distance = distance(config, train, catalog);
    boolean predictor = ratingPredictors(config).contains(algorithm);
    long t1 = System.nanoTime();
    UserRanker.Outcome[] out = scoreAll(model, train, test, k, distance, predictor, threads, algorithm);
    double scoreSeconds = (System.nanoTime() - t1) / 1e9;

    int m = UserRanker.METRICS.length;
    double[] sum = new double[m];
    int[] n = new int[m];
    List<int[]> lists = new ArrayList<>();
    double se = 0, ae = 0;
    long preds = 0;
    int evaluated = 0, skipped = 0;
    for (int t = 0; t < test.size(); t++) {
      UserRanker.Outcome o = out[t];
      if (o == null) {
        skipped++;
        continue;
      }
      evaluated++;
      lists.add(o.list());
      for (int j = 0; j < m; j++) {
        if (!Double.isNaN(o.metrics()[j])) {
          sum[j] += o.metrics()[j];
          n[j]++;
        }
      }
      se += o.squaredError();
      ae += o.absoluteError();
      preds += o.predictions();
      if (dump != null) dump.write(algorithm, train.rowIds().id(test.user(t)), o.list(), train.colIds());
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int j = 0; j < m; j++) {
      if (j == 4 && !test.graded()) continue; // graded NDCG equals binary NDCG then
      metrics.put(UserRanker.METRICS[j], n[j] == 0 ? null : sum[j] / n[j]);
      if (j == 8) {
        int[][] all = lists.toArray(new int[0][]);
        metrics.put("coverage", all.length == 0 ? null : ListMetrics.coverage(all, train.cols()));
        metrics.put("novelty", nanToNull(all.length == 0 ? Double.NaN
            : ListMetrics.novelty(all, itemUserCounts(train), Math.max(1, train.rows()))));
      }
    }
    if (predictor) {
      metrics.put("rmse", preds == 0 ? null : Math.sqrt(se / preds));
      metrics.put("mae", preds == 0 ? null : ae / preds);
    }
    LOG.info("{}: ndcg@{} {} over {} users ({} without training data skipped)", algorithm, k,
        metrics.get("ndcg") == null ? "n/a" : String.format("%.4f", metrics.get("ndcg")), evaluated, skipped);
    return new AlgorithmResult(algorithm, parameters(config, algorithm), metrics, Map.of(), fitSeconds, scoreSeconds,
        evaluated, skipped, 1);
  }

  private static UserRanker.Outcome[] scoreAll(TrainedModel model, InteractionMatrix train, TestSet test, int k,
      ItemDistance distance, boolean predictor, int threads, String algorithm) {
    UserRanker.Outcome[] out = new UserRanker.Outcome[test.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    int total = test.size();
    int chunk = Math.max(1, Math.min(256, total / (threads * 16) + 1));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "eval-" + algorithm);
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        fs.add(pool.submit(() -> {
          UserRanker ranker = new UserRanker(model, train, test, k, distance, predictor);
          int start;
          while ((start = next.getAndAdd(chunk)) < total) {
            int end = Math.min(total, start + chunk);
            for (int t = start; t < end; t++) {
              if (train.rowLength(test.user(t)) > 0) out[t] = ranker.rank(t);
            }
            int before = done.getAndAdd(end - start);
            int after = before + end - start;
            if (total >= 1000 && after * 10L / total != before * 10L / total) {
              LOG.info("{}: ranked {}% of {} test users", algorithm, after * 100L / total, total);
            }
          }
        }));
      }
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring " + algorithm, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  /** Worker threads from {@code eval.threads}; 0 means all cores. */
  public static int threads(Config config) {
    int t = config.getInt("eval.threads");
    if (t < 0) throw new IllegalArgumentException("eval.threads must be 0 (all cores) or positive, got " + t);
    return t == 0 ? Runtime.getRuntime().availableProcessors() : t;
  }

  private static Set<String> ratingPredictors(Config config) {
    Set<String> s = new HashSet<>();
    for (String x : config.get("eval.rating_predictors").split(",")) if (!x.isBlank()) s.add(x.trim());
    return s;
  }

  private static ItemDistance distance(Config config, InteractionMatrix train, List<Item> catalog) {
    String d = config.get("eval.diversity");
    switch (d) {
      case "cosine":
        return ItemDistance.cosine(train.transpose());
      case "category":
        if (catalog.isEmpty()) throw new IllegalArgumentException("eval.diversity=category needs a catalog with categories");
        Map<String, String> byId = new HashMap<>();
        for (Item it : catalog) byId.put(it.id(), it.category());
        String[] cats = new String[train.cols()];
        for (int i = 0; i < cats.length; i++) cats[i] = byId.get(train.colIds().id(i));
        return ItemDistance.categories(cats);
      default:
        throw new IllegalArgumentException("eval.diversity must be cosine or category, got '" + d + "'");
    }
  }

  private static int[] itemUserCounts(InteractionMatrix train) {
    int[] c = new int[train.cols()];
    for (int i : train.colIndex()) c[i]++;
    return c;
  }

  /** The algorithm's own keys ({@code name.*}) and their values. */
  private static Map<String, String> parameters(Config config, String algorithm) {
    Map<String, String> p = new LinkedHashMap<>();
    config.asMap().forEach((key, v) -> {
      if (key.startsWith(algorithm + ".")) p.put(key, v);
    });
    return p;
  }

  private static Double nanToNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
