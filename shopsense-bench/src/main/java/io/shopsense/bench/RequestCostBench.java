package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Item;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What one request of each route the server load test sends costs the engine, in the calling
 * thread's CPU time and in bytes allocated (what drives young collections), with no HTTP and no
 * concurrency: unlike wall time, both stay meaningful on a machine shared with other work, so a
 * change to the serving path can be judged under contention. For-you is measured twice: on shoppers
 * touched for the first time (their live state is loaded from the store) and again on the same
 * shoppers (state in memory), which is what a long-running server mostly serves.
 *
 * <p>Usage: {@code RequestCostBench --data DIR [--requests 2000] [--warm-up 3000]}, DIR an
 * existing ServerLoadBench data directory (its store, index and snapshot; ingests nothing).
 */
public final class RequestCostBench {
  private RequestCostBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs a = new BenchArgs(argv);
    Path data = Path.of(a.get("data", "target/bench-data/server-medium"));
    int n = a.getInt("requests", 2000);
    int warm = a.getInt("warm-up", 3000);
    System.out.printf(Locale.ROOT, "RequestCostBench %s: %s%n", LocalDate.now(), Machine.describe());
    Config config = Config.load(data.resolve("shopsense.properties"), System.getenv(), Map.of("engine.embeddings", "false",
        "engine.preload_users", "0")); // first touches are measured: nothing loaded ahead
    try (ShopSense engine = ShopSense.open(new EngineOptions(data, null, config))) {
      Set<String> seen = new HashSet<>();
      List<String> users = new ArrayList<>();
      engine.internals().store().forEachEvent(e -> {
        if (users.size() < 20_000 && seen.add(e.user())) users.add(e.user());
      });
      List<Item> items = new ArrayList<>(engine.internals().catalog().items());
      List<String> words = new ArrayList<>();
      for (int i = 0; i < items.size() && words.size() < 500; i += 37) {
        String t = items.get(i).title();
        if (t != null && !t.isBlank()) words.add(t.split("\\s+")[0]);
      }
      // warm-up on shoppers the measured runs do not use, so "first touch" stays first
      int split = Math.max(0, users.size() - warm);
      List<String> warmUsers = users.subList(split, users.size());
      List<String> measured = users.subList(0, Math.min(n, split));
      SplittableRandom rnd = new SplittableRandom(5);
      for (int i = 0; i < warm; i++) {
        String u = warmUsers.get(i % warmUsers.size());
        forYou(engine, u);
        similar(engine, items.get(rnd.nextInt(items.size())).id(), u);
        search(engine, words.get(rnd.nextInt(words.size())), u);
      }
      Map<String, Runnable> routes = new java.util.LinkedHashMap<>();
      int[] i = {0};
      routes.put("for-you, first touch", () -> forYou(engine, measured.get(i[0] % measured.size())));
      routes.put("for-you, again", () -> forYou(engine, measured.get(i[0] % measured.size())));
      routes.put("similar", () -> similar(engine, items.get(rnd.nextInt(items.size())).id(), measured.get(i[0] % measured.size())));
      routes.put("search", () -> search(engine, words.get(rnd.nextInt(words.size())), measured.get(i[0] % measured.size())));
      var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      long tid = Thread.currentThread().getId();
      System.out.printf(Locale.ROOT, "%d requests per route, one at a time (thread CPU ms; KB allocated by the thread)%n", measured.size());
      System.out.printf(Locale.ROOT, "  %-22s %8s %8s %8s %8s | %8s %8s %8s%n", "route", "cpu p50", "cpu p99", "cpu max", "cpu mean",
          "KB p50", "KB p99", "KB mean");
      for (var r : routes.entrySet()) {
        int m = measured.size();
        long[] cpu = new long[m];
        long[] bytes = new long[m];
        for (i[0] = 0; i[0] < m; i[0]++) {
          long b0 = mx.getThreadAllocatedBytes(tid);
          long c0 = mx.getCurrentThreadCpuTime();
          r.getValue().run();
          cpu[i[0]] = mx.getCurrentThreadCpuTime() - c0;
          bytes[i[0]] = mx.getThreadAllocatedBytes(tid) - b0;
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        System.out.printf(Locale.ROOT, "  %-22s %8.3f %8.3f %8.3f %8.3f | %8.0f %8.0f %8.0f%n", r.getKey(), q(cpu, 0.5) / 1e6,
            q(cpu, 0.99) / 1e6, cpu[m - 1] / 1e6, Arrays.stream(cpu).average().orElse(0) / 1e6, q(bytes, 0.5) / 1024.0,
            q(bytes, 0.99) / 1024.0, Arrays.stream(bytes).average().orElse(0) / 1024.0);
      }
      System.out.println("  after: " + Machine.describe());
    }
  }

  private static long q(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
  }

  private static void forYou(ShopSense e, String user) {
    e.recommend(new RecommendRequest(Scenario.FOR_YOU, user, null, List.of(), 10, null, false, null));
  }

  private static void similar(ShopSense e, String item, String user) {
    e.recommend(new RecommendRequest(Scenario.SIMILAR, user, item, List.of(), 10, null, false, null));
  }

  private static void search(ShopSense e, String q, String user) {
    e.search(new SearchRequestParams(q, user, 10, 0, null, null, null, null, null, null, true, false, null, null));
  }
}
