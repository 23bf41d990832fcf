package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.Profiles;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.knn.ItemKnn;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.embed.Embedder;
import io.shopsense.search.eval.GeneratedStore;
import io.shopsense.search.eval.SearchEvaluation;
import io.shopsense.search.index.CatalogIndex;
import io.shopsense.search.index.IndexStats;
import io.shopsense.search.rank.CollaborativeScores;
import io.shopsense.search.rank.PersonalizedRanker;
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.RankerTrainer;
import io.shopsense.search.rank.RankingContext;
import io.shopsense.search.rank.Retriever;
import io.shopsense.search.rank.SearchLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Macro benchmark of one personalized search: hybrid retrieval of 200 candidates (query embedding,
 * BM25, HNSW kNN, RRF), the ranking features for the shopper, LambdaMART scoring and the top 20,
 * single-threaded after a warm-up, over a generated catalog (100k items by default). Reports wall
 * and thread-CPU p50/p99 of the whole request and of its two halves (retrieval; features + scoring).
 *
 * <pre>java -Xmx2g -Djava.io.tmpdir=shopsense-bench/target/tmp -cp 'shopsense-bench/target/classes:shopsense-bench/target/lib/*' \
 *   io.shopsense.bench.RerankBench [--items 100000 --users 10000 --events 500000] [--queries 1000] [--warmup 200]
 *   [--dir shopsense-bench/target/rerank-bench] [--seed 42]</pre>
 *
 * The store, the index and the embedding cache stay in {@code --dir}, so a second run skips
 * generating and embedding (the first embeds the whole catalog: tens of minutes on a busy machine).
 * The ranker is trained on the most recent 3000 logged searches (training cost is not measured here).
 */
public final class RerankBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RerankBench() {}

  public static void main(String[] args) throws IOException {
    BenchArgs a = new BenchArgs(args);
    int items = a.getInt("items", 100_000);
    int users = a.getInt("users", 10_000);
    int events = a.getInt("events", 500_000);
    int nq = a.getInt("queries", 1000);
    int warm = a.getInt("warmup", 200);
    long seed = a.getLong("seed", 42);
    Path dir = Path.of(a.get("dir", "shopsense-bench/target/rerank-bench")).toAbsolutePath();
    Path store = dir.resolve("store-" + items + "-" + users + "-" + events + "-" + seed);
    System.out.printf("machine: %d cores, JDK %s, load average at start %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAverage());
    if (!Files.isRegularFile(store.resolve("README.txt"))) {
      long t = System.nanoTime();
      new DataGenerator(new GeneratorSpec(users, items, events, seed)).generate(store);
      System.out.printf("generated %d items, %d users, ~%d events in %.1f s%n", items, users, events, (System.nanoTime() - t) / 1e9);
    }
    SearchEvaluation.Data data = GeneratedStore.read(store);
    Config config = Config.defaults().with(Map.of("search.page.max_size", "200", "rank.candidates", "200",
        "rank.train.max_sessions", "3000", "search.embed.query_cache", "0"));
    RankSettings rs = RankSettings.from(config);
    try (Embedder embedder = Embedder.open(dir.resolve("index"), Embedder.Settings.from(config));
        CatalogIndex index = CatalogIndex.open(dir.resolve("index"), SearchSettings.from(config), embedder)) {
      IndexStats st = index.upsert(data.items());
      if (st.written() > 0) index.optimize();
      System.out.printf("index: %d items (%d written, %d embedded) in %.1f s%n", index.size(), st.written(), st.embedded(),
          st.seconds());

      Map<String, Item> catalog = new HashMap<>();
      for (Item it : data.items()) catalog.put(it.id(), it);
      long t0 = System.nanoTime();
      InteractionMatrix m = MatrixBuilder.fromEvents(data.events(), io.shopsense.core.matrix.MatrixOptions.from(config));
      var knn = new ItemKnn(config).fit(m, TrainContext.defaults().withConfig(config));
      RankerTrainer.Inputs in = new RankerTrainer.Inputs(data.events(), catalog, data.promotions(),
          Retriever.of(index, SearchMode.HYBRID), before -> new CollaborativeScores(knn, m.colIds(), rs.collaborativeRecent()));
      ProfileUpdater up = ProfileUpdater.from(config, PriceBands.fit(data.items()));
      RankerTrainer.Result trained = RankerTrainer.train(in, rs, up, Long.MAX_VALUE);
      System.out.printf("trained %s on %d searches (%d rows) in %.1f s (incl. item-kNN)%n", trained.ranker().ranker().kind(),
          trained.sessions(), trained.rows(), (System.nanoTime() - t0) / 1e9);
      Map<String, UserProfile> profiles = Profiles.rebuild(data.events(), data.items(), config);

      // logged (shopper, query, channel) triples, drawn at random
      List<SearchLog.SearchSession> logged = trained.log().sessions();
      SplittableRandom r = new SplittableRandom(seed);
      List<SearchLog.SearchSession> draws = new ArrayList<>();
      for (int i = 0; i < warm + nq; i++) draws.add(logged.get(r.nextInt(logged.size())));
      long now = data.events().get(data.events().size() - 1).time();
      Retriever hybrid = Retriever.of(index, SearchMode.HYBRID);
      try (PersonalizedRanker ranker = trained.ranker()) {
        long[][] wall = new long[3][nq];
        long[][] cpu = new long[3][nq];
        long cands = 0;
        long proc0 = 0;
        for (int i = 0; i < draws.size(); i++) {
          if (i == warm) proc0 = Machine.processCpuNanos();
          SearchLog.SearchSession s = draws.get(i);
          long w0 = System.nanoTime();
          long c0 = THREADS.getCurrentThreadCpuTime();
          List<SearchHit> hits = hybrid.retrieve(s.query(), rs.candidates());
          long w1 = System.nanoTime();
          long c1 = THREADS.getCurrentThreadCpuTime();
          List<PersonalizedRanker.RankedHit> top = ranker.rerank(
              new RankingContext(s.query(), profiles.get(s.user()), now, s.channel(), true), hits, 20, false);
          long w2 = System.nanoTime();
          long c2 = THREADS.getCurrentThreadCpuTime();
          if (top.size() > 20) throw new IllegalStateException("more than 20 results");
          if (i >= warm) {
            int k = i - warm;
            wall[0][k] = w2 - w0;
            wall[1][k] = w1 - w0;
            wall[2][k] = w2 - w1;
            cpu[0][k] = c2 - c0;
            cpu[1][k] = c1 - c0;
            cpu[2][k] = c2 - c1;
            cands += hits.size();
          }
        }
        long proc = Machine.processCpuNanos() - proc0;
        System.out.printf("%d personalized searches after %d warm-up, mean %.1f candidates; process CPU (all threads: "
            + "ONNX Runtime, GC, JIT) %.2f ms per search%n", nq, warm, (double) cands / nq, proc / 1e6 / nq);
        String[] names = {"whole search (retrieve 200 + features + LambdaMART + top 20)", "  hybrid retrieval of 200",
            "  features + LambdaMART scoring + top 20"};
        for (int p = 0; p < 3; p++) {
          System.out.printf("%-62s wall p50 %6.2f ms p99 %6.2f ms | thread CPU p50 %6.2f ms p99 %6.2f ms%n", names[p],
              pct(wall[p], 50), pct(wall[p], 99), pct(cpu[p], 50), pct(cpu[p], 99));
        }
      }
    }
    System.out.printf("load average at end %s%n", loadAverage());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double pct(long[] ns, int p) {
    long[] s = ns.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
  }
}
