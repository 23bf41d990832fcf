package io.shopsense.bench;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.model.Item;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.embed.Embedder;
import io.shopsense.core.config.Config;
import io.shopsense.search.index.CatalogIndex;
import io.shopsense.search.index.IndexStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Macro benchmark of the search index: build a catalog of N synthetic EN + ZH items with
 * embeddings (items/s), re-index it unchanged (seconds), rebuild the Lucene index from the warm
 * embedding cache (items/s without the models), then BM25, kNN and hybrid query latency p50/p99 over
 * single-threaded queries after a warm-up. Besides wall time it reports CPU time (process CPU for
 * indexing, thread CPU per query), which other processes on a shared machine distort far less.
 *
 * <pre>java -Xmx2g -cp 'shopsense-bench/target/classes:shopsense-bench/target/lib/*' io.shopsense.bench.IndexBench \
 *   [--size small|medium | --store DIR | --items 20000 --zh 0.3] [--queries 1000] [--dir target/index-bench]
 *   [--seed 42] [--set 'k=v;k=v']</pre>
 *
 * With {@code --size} the project's generator writes a store under {@code <dir>/store} first (the
 * issue's figures are defined on {@code medium}); {@code --store} reads one written by
 * {@code ./shopsense generate}; otherwise a built-in seeded synthetic catalog is used.
 */
public final class IndexBench {
  private IndexBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = parse(args);
    int n = Integer.parseInt(a.getOrDefault("items", "20000"));
    int nq = Integer.parseInt(a.getOrDefault("queries", "1000"));
    double zh = Double.parseDouble(a.getOrDefault("zh", "0.3"));
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
    Path dir = Path.of(a.getOrDefault("dir", "target/index-bench")).toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir);

    List<Item> items;
    List<String> queries;
    String source;
    if (a.containsKey("store") || a.containsKey("size")) {
      // a store written by ./shopsense generate, or generated here first
      Path store;
      if (a.containsKey("store")) {
        store = Path.of(a.get("store"));
      } else {
        store = dir.resolve("store");
        GeneratorSpec spec = GeneratorSpec.ofSize(a.get("size")).withSeed(seed);
        long t = System.nanoTime();
        new DataGenerator(spec).generate(store);
        System.out.printf("generated the %s store in %.1f s%n", a.get("size"), (System.nanoTime() - t) / 1e9);
      }
      items = StoreFiles.items(store.resolve("items.jsonl"));
      queries = StoreFiles.queries(store.resolve("queries.jsonl"), nq, seed + 1);
      long chinese = items.stream().filter(i -> io.shopsense.search.analysis.Scripts.hasHan(i.title())).count();
      source = String.format("generated store %s: %d items (%.0f%% Chinese titles), %d logged queries drawn by "
          + "search count", store, items.size(), 100.0 * chinese / items.size(), nq);
    } else {
      items = SyntheticCatalog.items(n, zh, seed);
      queries = SyntheticCatalog.queries(nq, zh, seed + 1);
      source = String.format("synthetic catalog: %d items (%.0f%% Chinese), %d queries", n, zh * 100, nq);
    }
    Map<String, String> overrides = new java.util.HashMap<>();
    for (String kv : a.getOrDefault("set", "").split(";")) {
      if (kv.isBlank()) continue;
      int eq = kv.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("--set expects key=value[;key=value], got " + kv);
      overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    // every query pays its embedding: the in-memory query-vector cache is off unless asked for
    overrides.putIfAbsent("search.embed.query_cache", "0");
    Config config = Config.defaults().with(overrides);
    SearchSettings settings = SearchSettings.from(config);
    System.out.printf("machine: %d cores, JDK %s, load average at start %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    System.out.printf("%s, seed %d, overrides %s%n", source, seed, overrides);

    try (Embedder embedder = Embedder.open(dir, Embedder.Settings.from(config))) {
      embedder.embedQuery("warm up"); // model load is start-up cost, not indexing throughput
      embedder.embedQuery("预热");
      IndexStats build;
      IndexStats again;
      long cpu0;
      long cpuBuild;
      try (CatalogIndex index = CatalogIndex.open(dir, settings, embedder)) {
        cpu0 = processCpuNanos();
        build = index.upsert(items);
        cpuBuild = processCpuNanos() - cpu0;
        again = index.upsert(items);
      }
      System.out.printf("build with embeddings: %d items in %.1f s = %.0f items/s (%d embedded)%n", build.written(),
          build.seconds(), build.written() / build.seconds(), build.embedded());
      System.out.printf("  process CPU %.1f s = %.2f CPU-ms per item; on %d idle cores that is at most %.0f items/s%n",
          cpuBuild / 1e9, cpuBuild / 1e6 / build.written(), cores(), cores() * 1e9 * build.written() / cpuBuild);
      System.out.printf("re-index unchanged: %.2f s (%d written, %d embedded)%n", again.seconds(), again.written(),
          again.embedded());

      deleteTree(dir.resolve("lucene"));
      try (CatalogIndex index = CatalogIndex.open(dir, settings, embedder)) {
        long c0 = processCpuNanos();
        IndexStats cached = index.upsert(items);
        long cpuCached = processCpuNanos() - c0;
        System.out.printf("rebuild, vectors from cache: %d items in %.1f s = %.0f items/s (%d embedded), "
            + "%.2f CPU-ms per item%n", cached.written(), cached.seconds(), cached.written() / cached.seconds(),
            cached.embedded(), cpuCached / 1e6 / cached.written());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used after build: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);

        for (SearchMode mode : SearchMode.values()) {
          for (String q : queries.subList(0, Math.min(200, queries.size()))) {
            index.search(SearchRequest.of(q).withMode(mode)); // warm-up: JIT, page cache
          }
        }
        latency(index, queries, SearchMode.BM25, false);
        for (SearchMode mode : SearchMode.values()) latency(index, queries, mode, true);
      }
    }
    System.out.printf("load average at end %s%n", loadAverage());
  }

  /** Runs every query once, single-threaded, and prints wall and thread-CPU p50/p99. */
  private static void latency(CatalogIndex index, List<String> queries, SearchMode mode, boolean facets) {
    long[] ns = new long[queries.size()];
    long[] cpu = new long[queries.size()];
    long hits = 0;
    for (int i = 0; i < queries.size(); i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      hits += index.search(SearchRequest.of(queries.get(i)).withMode(mode).withFacets(facets)).total();
      ns[i] = System.nanoTime() - t;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
    }
    Arrays.sort(ns);
    Arrays.sort(cpu);
    System.out.printf("%-6s query (facets %s, top 10): wall p50 %.2f ms, p99 %.2f ms; thread CPU p50 %.2f ms, "
        + "p99 %.2f ms; mean total hits %d%n", mode.wireName(), facets ? "on" : "off", ns[ns.length / 2] / 1e6,
        ns[(int) (ns.length * 0.99)] / 1e6, cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6,
        hits / queries.size());
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** CPU time of the whole process (all threads, native ONNX Runtime work included). */
  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + args[i]);
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }
}
