package io.shopsense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.Importer;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.TrainReport;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Macro benchmark of the engine in process (the {@code ShopSense} facade, no HTTP): open (index build on
 * the first run), train, single-threaded latency per scenario and for personalised search, an
 * open-loop mixed load (for-you 40%, similar 30%, search 30% at a fixed request rate, latency measured
 * from each request's scheduled start so a stall is not hidden) while events stream in, ingestion
 * throughput in batches of 100 (durable on return), and the time from an event to its effect in
 * for-you. The HTTP figures of issue 5 are the server's ({@code ServerLoadBench}); these isolate the
 * engine's share.
 *
 * <p>Usage: {@code EngineBench [--size small|medium] [--dir DIR] [--embeddings true|false]
 * [--seconds 30] [--rate 200] [--event-rate 500] [--threads 2] [--retrain] [--set KEY=VALUE]...}
 * ({@code --set engine.search_ranker=false} trains without the search re-ranker). DIR (default
 * {@code target/bench-data/engine-SIZE}) keeps the generated files, the store, index and models
 * between runs; the events the benchmark ingests are added to that store.
 */
public final class EngineBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    String size = "medium";
    Path dir = null;
    boolean embeddings = true;
    boolean retrain = false;
    Map<String, String> sets = new LinkedHashMap<>();
    int seconds = 30, rate = 200, eventRate = 500, threads = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size" -> size = args[++i];
        case "--dir" -> dir = Path.of(args[++i]);
        case "--embeddings" -> embeddings = Boolean.parseBoolean(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--event-rate" -> eventRate = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--retrain" -> retrain = true;
        case "--set" -> {
          String kv = args[++i];
          int eq = kv.indexOf('=');
          if (eq < 1) throw new IllegalArgumentException("--set needs KEY=VALUE, got " + kv);
          sets.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: EngineBench [--size small|medium]"
            + " [--dir DIR] [--embeddings true|false] [--seconds S] [--rate R] [--event-rate E] [--threads T] [--retrain]"
            + " [--set KEY=VALUE]...)");
      }
    }
    if (dir == null) dir = Path.of("target/bench-data/engine-" + size);
    System.out.printf(Locale.ROOT, "EngineBench %s, %s%n", LocalDate.now(), Machine.describe());
    Path gen = dir.resolve("gen");
    Path data = dir.resolve("data");
    prepare(GeneratorSpec.ofSize(size), gen, data);
    sets.putIfAbsent("engine.embeddings", Boolean.toString(embeddings));
    Config config = Config.load(null, Map.of(), sets);
    long t0 = System.nanoTime();
    try (ShopSense s = ShopSense.open(new EngineOptions(data, null, config))) {
      System.out.printf(Locale.ROOT, "open (index build when missing): %.1f s%n", (System.nanoTime() - t0) / 1e9);
      if (retrain || s.currentSnapshot().version() == 0) {
        long cpu = Machine.processCpuNanos();
        t0 = System.nanoTime();
        TrainReport r = s.train();
        System.out.printf(Locale.ROOT, "train: %.1f s wall, %.1f s CPU, %s%n", (System.nanoTime() - t0) / 1e9,
            (Machine.processCpuNanos() - cpu) / 1e9, r.reason());
        r.snapshot().metrics().forEach((a, m) -> System.out.printf(Locale.ROOT, "  %-10s %s%n", a, m));
        System.out.printf(Locale.ROOT, "  %s%n", r.snapshot().searchReport());
      }
      Workload w = Workload.of(s, gen);
      warmUp(s, w);
      single(s, w, 2000);
      openLoop(s, w, seconds, rate, eventRate, threads);
      ingestion(s, w, 10);
      eventToEffect(s, w, 50);
    }
  }

  private static void prepare(GeneratorSpec spec, Path gen, Path data) throws Exception {
    if (!Files.isRegularFile(gen.resolve("events.jsonl"))) {
      long t = System.nanoTime();
      new DataGenerator(spec).generate(gen);
      System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", gen, (System.nanoTime() - t) / 1e9);
    }
    if (!Files.isRegularFile(data.resolve(Stores.SQLITE_FILE))) {
      Files.createDirectories(data);
      long t = System.nanoTime();
      try (Store store = Stores.forDataDir(data)) {
        List<ImportSource> sources = new ArrayList<>();
        for (ImportSource.Kind k : ImportSource.Kind.values()) sources.add(ImportSource.jsonl(k, gen.resolve(k.defaultFileName())));
        new Importer(store).importAll(sources);
      }
      System.out.printf(Locale.ROOT, "imported into %s in %.1f s%n", data, (System.nanoTime() - t) / 1e9);
    }
  }

  /** Users, items with events and queries to draw requests from. */
  record Workload(List<String> users, List<String> items, List<String> queries, Map<String, List<String>> byCategory) {
    static Workload of(ShopSense s, Path gen) throws Exception {
      LinkedHashSet<String> users = new LinkedHashSet<>();
      s.internals().store().forEachEvent(e -> users.add(e.user()));
      List<String> items = new ArrayList<>();
      float[] pop = s.snapshot().stats().popularity();
      for (int i = 0; i < pop.length; i++) if (pop[i] > 0 && s.internals().catalog().item(s.snapshot().itemId(i)) != null) items.add(s.snapshot().itemId(i));
      Map<String, List<String>> byCat = new LinkedHashMap<>();
      for (String id : items) byCat.computeIfAbsent(s.internals().catalog().item(id).category(), k -> new ArrayList<>()).add(id);
      List<String> queries = new ArrayList<>();
      try (BufferedReader r = Files.newBufferedReader(gen.resolve("queries.jsonl"))) {
        for (String line; (line = r.readLine()) != null; ) {
          JsonNode n = JSON.readTree(line);
          queries.add(n.get("query").asText());
        }
      }
      System.out.printf(Locale.ROOT, "workload: %,d users, %,d items with events, %,d queries%n", users.size(), items.size(), queries.size());
      return new Workload(new ArrayList<>(users), items, queries, byCat);
    }
  }

  private enum Kind { FOR_YOU, SIMILAR, SEARCH, TRENDING, BOUGHT_TOGETHER, BUY_AGAIN, NEW_ARRIVALS, SHOPS, PROMOTIONS }

  private static void call(ShopSense s, Workload w, Kind k, SplittableRandom r) {
    String u = w.users().get(r.nextInt(w.users().size()));
    String item = w.items().get(r.nextInt(w.items().size()));
    switch (k) {
      case SEARCH -> s.search(new SearchRequestParams(w.queries().get(r.nextInt(w.queries().size())), u, 20, 0, null, null,
          null, null, null, null, true, false, null, null));
      default -> {
        Scenario sc = Scenario.valueOf(k.name());
        s.recommend(new RecommendRequest(sc, u, item, List.of(), 10, null, false, null));
      }
    }
  }

  private static void warmUp(ShopSense s, Workload w) {
    SplittableRandom r = new SplittableRandom(1);
    long t = System.nanoTime();
    for (int i = 0; i < 3000; i++) call(s, w, Kind.values()[i % Kind.values().length], r);
    System.out.printf(Locale.ROOT, "warm-up: 3000 requests in %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  /** Wall latency per request, and the thread's CPU time (what the request costs when the box is shared). */
  private static void single(ShopSense s, Workload w, int n) {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    System.out.println("single-threaded latency (ms): wall, then CPU time of the calling thread");
    System.out.printf(Locale.ROOT, "  %-16s %8s %8s %8s %8s | %8s %8s %8s%n", "request", "p50", "p99", "max", "mean", "cpu p50",
        "cpu p99", "cpu mean");
    for (Kind k : Kind.values()) {
      SplittableRandom r = new SplittableRandom(k.ordinal() + 7);
      long[] lat = new long[n];
      long[] cpu = new long[n];
      for (int i = 0; i < n; i++) {
        long c = mx.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        call(s, w, k, r);
        lat[i] = System.nanoTime() - t;
        cpu[i] = mx.getCurrentThreadCpuTime() - c;
      }
      Arrays.sort(lat);
      Arrays.sort(cpu);
      System.out.printf(Locale.ROOT, "  %-16s %8.2f %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f%n", k.name().toLowerCase(Locale.ROOT),
          pct(lat, 0.5), pct(lat, 0.99), lat[n - 1] / 1e6, Arrays.stream(lat).average().orElse(0) / 1e6, pct(cpu, 0.5),
          pct(cpu, 0.99), Arrays.stream(cpu).average().orElse(0) / 1e6);
    }
  }

  private static void print(String label, long[] lat) {
    Arrays.sort(lat);
    double mean = Arrays.stream(lat).average().orElse(0);
    System.out.printf(Locale.ROOT, "%-18s %8.2f %8.2f %8.2f %8.2f%n", label, pct(lat, 0.5), pct(lat, 0.99), lat[lat.length - 1] / 1e6, mean / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static Event view(Workload w, SplittableRandom r, long time) {
    return Event.of(w.users().get(r.nextInt(w.users().size())), EventType.VIEW, w.items().get(r.nextInt(w.items().size())), time);
  }

  /** Requests scheduled at a fixed rate; latency counts from the scheduled start (no coordinated omission). */
  private static void openLoop(ShopSense s, Workload w, int seconds, int rate, int eventRate, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<Kind, ConcurrentLinkedQueue<Long>> lat = new ConcurrentHashMap<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong ingested = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    Thread events = new Thread(() -> {
      SplittableRandom r = new SplittableRandom(99);
      long period = 100_000_000L; // a batch every 100 ms
      int batch = Math.max(1, eventRate / 10);
      for (long next = System.nanoTime(); next < end; next += period) {
        long wait = next - System.nanoTime();
        if (wait > 0) sleepNanos(wait);
        List<Event> b = new ArrayList<>(batch);
        long now = s.internals().clock().now();
        for (int i = 0; i < batch; i++) b.add(view(w, r, now + i));
        try {
          ingested.addAndGet(s.ingest(b));
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      }
    });
    events.start();
    SplittableRandom r = new SplittableRandom(5);
    long interval = 1_000_000_000L / rate;
    long scheduled = start;
    int sent = 0;
    while (scheduled < end) {
      long wait = scheduled - System.nanoTime();
      if (wait > 0) sleepNanos(wait);
      double x = r.nextDouble();
      Kind k = x < 0.4 ? Kind.FOR_YOU : x < 0.7 ? Kind.SIMILAR : Kind.SEARCH;
      long at = scheduled;
      SplittableRandom rr = r.split();
      pool.execute(() -> {
        try {
          call(s, w, k, rr);
          lat.computeIfAbsent(k, q -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - at);
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      });
      sent++;
      scheduled += interval;
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    events.join();
    double took = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "open loop: %d requests at %d/s over %d s with %d threads, %,d events ingested (%.0f/s), %d errors%n",
        sent, rate, seconds, threads, ingested.get(), ingested.get() / took, errors.get());
    System.out.printf(Locale.ROOT, "  %-16s %8s %8s %8s %8s%n", "request", "p50", "p99", "max", "mean");
    for (var e : lat.entrySet()) print("  " + e.getKey().name().toLowerCase(Locale.ROOT), e.getValue().stream().mapToLong(Long::longValue).toArray());
  }

  private static void ingestion(ShopSense s, Workload w, int seconds) {
    SplittableRandom r = new SplittableRandom(3);
    long n = 0;
    long t0 = System.nanoTime();
    long end = t0 + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      List<Event> b = new ArrayList<>(100);
      long now = s.internals().clock().now();
      for (int i = 0; i < 100; i++) b.add(view(w, r, now + i));
      n += s.ingest(b);
    }
    double took = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "ingestion: %,d events in batches of 100 in %.1f s: %,.0f events/s (durable on return, live state applied)%n",
        n, took, n / took);
  }

  /** Three views of a category the shopper's for-you did not show, then for-you: time and whether it shows up. */
  private static void eventToEffect(ShopSense s, Workload w, int trials) {
    SplittableRandom r = new SplittableRandom(11);
    List<String> cats = new ArrayList<>();
    w.byCategory().forEach((c, l) -> {
      if (l.size() >= 5) cats.add(c);
    });
    long[] lat = new long[trials];
    int reflected = 0;
    for (int t = 0; t < trials; t++) {
      String u = w.users().get(r.nextInt(w.users().size()));
      List<ResultItem> before = s.recommend(new RecommendRequest(Scenario.FOR_YOU, u, null, List.of(), 10, null, false, null)).results();
      String pick = cats.get(r.nextInt(cats.size()));
      for (int k = 0; k < 20 && isShown(before, pick); k++) pick = cats.get(r.nextInt(cats.size()));
      String cat = pick;
      List<String> ids = w.byCategory().get(cat);
      long now = s.internals().clock().now();
      List<Event> three = new ArrayList<>();
      for (int k = 0; k < 3; k++) three.add(Event.of(u, EventType.VIEW, ids.get(k), now + k + 1));
      long t0 = System.nanoTime();
      s.ingest(three);
      List<ResultItem> after = s.recommend(new RecommendRequest(Scenario.FOR_YOU, u, null, List.of(), 10, null, false, null)).results();
      lat[t] = System.nanoTime() - t0;
      if (after.stream().anyMatch(x -> cat.equals(x.category()))) reflected++;
    }
    System.out.printf(Locale.ROOT, "event to effect (ingest 3 views, then for-you shows the category): %d of %d reflected%n", reflected, trials);
    print("  ingest + for-you", lat);
  }

  private static boolean isShown(List<ResultItem> list, String category) {
    return list.stream().anyMatch(x -> category.equals(x.category()));
  }

  private static void sleepNanos(long n) {
    try {
      TimeUnit.NANOSECONDS.sleep(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
