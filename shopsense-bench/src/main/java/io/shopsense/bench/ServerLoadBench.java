package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.io.Importer;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.ShopSenseServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Macro benchmark of the HTTP server (issue 5's figures) on the generated {@code medium} store, the
 * server in this JVM on loopback, the load from the JDK HttpClient:
 * <ol>
 *   <li>mixed open-loop load for {@code --seconds} (default 60) while events stream in at {@code --events}
 *       per second (default 500, in POSTs of {@code --event-batch}, default 5). With {@code --mode total}
 *       (the default, issue 5's load) {@code --rate} (default 200) is the total request rate, split over
 *       for-you, similar and search by {@code --shares} (default 40,40,20) in one evenly interleaved
 *       sequence; with {@code --mode per-route} (a harder stretch load) for-you and similar get {@code --rate}
 *       each and search {@code --search-share} of it (default 0.25). Per route: p50/p99/p99.9/max and
 *       errors, latency from the intended send time; the process CPU time, the load average and the
 *       collections of the phase;</li>
 *   <li>event ingestion throughput: {@code --ingest-batches} POSTs of 100 events from 4 concurrent senders;
 *       the process CPU per event and the CPU of each group of threads (request threads, the engine's
 *       background thread, GC, JIT) during the phase;</li>
 *   <li>event-to-effect: a new shopper views three items of one category; the time from the 202 to the
 *       first for-you response holding an item of that category (absent from the cold-start list).</li>
 * </ol>
 * The data directory ({@code --data}, default {@code target/bench-data/server-medium}) is generated,
 * imported and trained on first use and reused afterwards. {@code --set key=value,...} overrides config.
 */
public final class ServerLoadBench {
  static {
    // the JDK HttpClient hands each sendAsync completion to CompletableFuture's default executor,
    // which, with a common pool of parallelism 1 (2 cores), starts a new thread per response: the
    // load generator would pay a thread start per request, inside the latency it measures
    if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
      System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "3");
    }
  }

  private ServerLoadBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs a = new BenchArgs(argv);
    Path data = Path.of(a.get("data", "target/bench-data/server-medium"));
    int seconds = a.getInt("seconds", 60);
    double rate = a.getDouble("rate", 200);
    String mode = a.get("mode", "total");
    if (!mode.equals("total") && !mode.equals("per-route")) throw new IllegalArgumentException("--mode must be total or per-route, got " + mode);
    double searchShare = a.getDouble("search-share", 0.25);
    double[] shares = Arrays.stream(a.get("shares", "40,40,20").split(",")).mapToDouble(Double::parseDouble).toArray();
    if (shares.length != 3 || Arrays.stream(shares).anyMatch(x -> !(x >= 0)) || Arrays.stream(shares).sum() <= 0) {
      throw new IllegalArgumentException("--shares must be three non-negative numbers (for-you,similar,search), got " + a.get("shares", ""));
    }
    double eventRate = a.getDouble("events", 500);
    eventBatch = a.getInt("event-batch", 5);
    int ingestBatches = a.getInt("ingest-batches", 2000);
    maxOutstanding = a.getInt("max-outstanding", 512);
    Map<String, String> overrides = new HashMap<>(Map.of("engine.embeddings", "false"));
    for (String kv : a.get("set", "").split(",")) {
      if (kv.isBlank()) continue;
      int eq = kv.indexOf('=');
      overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    System.out.printf(Locale.ROOT, "ServerLoadBench %s: %s%n  config overrides %s%n", LocalDate.now(), Machine.describe(), overrides);
    if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2) {
      System.out.println("  WARNING: common pool parallelism < 2: the HTTP client starts a thread per response");
    }
    prepare(data, a.get("size", "medium"));
    Config config = Config.load(data.resolve("shopsense.properties"), System.getenv(), overrides);
    try (ShopSense engine = ShopSense.open(new EngineOptions(data, null, config))) {
      if (engine.currentSnapshot() == null || engine.currentSnapshot().version() <= 0) {
        System.out.println("training ...");
        long t0 = System.nanoTime();
        System.out.println("  " + engine.train());
        System.out.printf(Locale.ROOT, "  trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      }
      ServerOptions options = ServerOptions.loopback(0).withRateLimit(0, 1);
      try (ShopSenseServer server = ShopSenseServer.start(engine, options)) {
        String base = "http://127.0.0.1:" + server.port();
        Fixture f = Fixture.of(engine);
        HttpClient client = OpenLoop.client();
        System.out.printf(Locale.ROOT, "  store: %,d users with events sampled, %,d items; snapshot %d%n",
            f.users.size(), f.items.size(), engine.currentSnapshot().version());
        // a deployment sends traffic once the server is warm: wait for the live state of the recently
        // active shoppers (engine.preload_users, loading since the server started) before the load starts
        long p0 = System.nanoTime();
        boolean warm = engine.internals().awaitPreload(300_000);
        System.out.printf(Locale.ROOT, "  live state preload %s after %.1f s more: %,d shoppers in memory%n",
            warm ? "finished" : "still running", (System.nanoTime() - p0) / 1e9, engine.internals().live().size());
        warmUp(client, base, f);
        probe(client, base, f, a.getInt("probe", 200));
        Load load = mode.equals("total") ? Load.total(rate, shares, eventRate) : Load.perRoute(rate, searchShare, eventRate);
        System.out.printf(Locale.ROOT, "  live state in memory: %,d shoppers%n", engine.internals().live().size());
        mixed(client, base, f, seconds, load);
        ingestion(client, base, f, ingestBatches);
        eventToEffect(client, base, f, 20);
        System.out.println("  after: " + Machine.describe());
      }
    }
  }

  /** Users, items, query words and the data's clock, sampled from the engine. */
  private record Fixture(List<String> users, List<Item> items, List<String> words, long now) {
    static Fixture of(ShopSense engine) {
      Set<String> users = new HashSet<>();
      engine.internals().store().forEachEvent(e -> {
        if (users.size() < 5000) users.add(e.user());
      });
      List<Item> items = new ArrayList<>(engine.internals().catalog().items());
      List<String> words = new ArrayList<>();
      for (int i = 0; i < items.size() && words.size() < 500; i += 37) {
        String t = items.get(i).title();
        if (t != null && !t.isBlank()) words.add(t.split("\\s+")[0]);
      }
      return new Fixture(new ArrayList<>(users), items, words, engine.internals().clock().now());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String view(String user, String item, long time) {
    return "{\"user\":\"" + user + "\",\"type\":\"view\",\"item\":\"" + item + "\",\"time\":" + time + ",\"channel\":\"app\"}";
  }

  /**
   * Request rates of a run: {@code routeRates} per route (for-you, similar, search) when each route has
   * its own stream, else {@code total} split by {@code shares} in one interleaved stream; events per second.
   */
  private record Load(double total, double[] shares, double[] routeRates, double events) {
    static Load total(double rate, double[] shares, double events) {
      return new Load(rate, shares, null, events);
    }

    static Load perRoute(double rate, double searchShare, double events) {
      return new Load(0, null, new double[] {rate, rate, rate * searchShare}, events);
    }

    double rate(int route) {
      if (routeRates != null) return routeRates[route];
      return total * shares[route] / Arrays.stream(shares).sum();
    }

    String describe() {
      String routes = routeRates != null
          ? String.format(Locale.ROOT, "per route: for-you %.0f req/s, similar %.0f req/s, search %.0f req/s", rate(0), rate(1), rate(2))
          : String.format(Locale.ROOT, "%.0f req/s in all: for-you %.0f, similar %.0f, search %.0f (interleaved)", total, rate(0),
              rate(1), rate(2));
      return routes + String.format(Locale.ROOT, "; events %.0f/s in POSTs of %d", events, eventBatch);
    }
  }

  /** Events per POST of the event stream ({@code --event-batch}). */
  private static int eventBatch = 5;

  private static void warmUp(HttpClient client, String base, Fixture f) throws Exception {
    System.out.println("warm-up: 15 s at 20 req/s per route, events 100/s ...");
    run(client, base, f, 15, Load.perRoute(20, 1, 100), false);
  }

  /** Service time without concurrency: {@code n} sequential requests per route, one at a time. */
  private static void probe(HttpClient client, String base, Fixture f, int n) throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    Map<String, java.util.function.Supplier<String>> routes = new java.util.LinkedHashMap<>();
    routes.put("for-you", () -> "/v1/recommendations/for-you?n=10&user=" + enc(f.users().get(rnd.nextInt(f.users().size()))));
    routes.put("similar", () -> "/v1/recommendations/similar?n=10&item=" + enc(f.items().get(rnd.nextInt(f.items().size())).id()));
    routes.put("search", () -> "/v1/search?n=10&q=" + enc(f.words().get(rnd.nextInt(f.words().size())))
        + "&user=" + enc(f.users().get(rnd.nextInt(f.users().size()))));
    for (Map.Entry<String, java.util.function.Supplier<String>> r : routes.entrySet()) {
      long[] lat = new long[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> res = client.send(OpenLoop.get(base, r.getValue().get()), HttpResponse.BodyHandlers.ofString());
        lat[i] = System.nanoTime() - t0;
        if (res.statusCode() != 200) throw new IllegalStateException(r.getKey() + ": " + res.statusCode() + " " + res.body());
      }
      Arrays.sort(lat);
      System.out.printf(Locale.ROOT, "probe %-8s %d sequential requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", r.getKey(), n,
          lat[n / 2] / 1e6, lat[(int) Math.ceil(0.99 * n) - 1] / 1e6, lat[n - 1] / 1e6);
    }
  }

  private static void mixed(HttpClient client, String base, Fixture f, int seconds, Load load) throws Exception {
    System.out.printf(Locale.ROOT, "mixed load: %d s, %s%n  before: %s%n", seconds, load.describe(), Machine.describe());
    long cpu = Machine.processCpuNanos();
    long t0 = System.nanoTime();
    try (GcWatch gc = new GcWatch()) {
      run(client, base, f, seconds, load, true);
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  process CPU %.1f s in %.1f s wall (%.2f cores; load generator and server together)%n",
          (Machine.processCpuNanos() - cpu) / 1e9, wall, (Machine.processCpuNanos() - cpu) / 1e9 / wall);
      System.out.println("  collections: " + gc.summary());
    }
    System.out.println("  after: " + Machine.describe());
  }

  /** Most requests in flight at once ({@code --max-outstanding}). */
  private static int maxOutstanding = 512;

  private static void run(HttpClient client, String base, Fixture f, int seconds, Load load, boolean print) throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> users = f.users();
    List<Item> items = f.items();
    long[] eventClock = {f.now()};
    OpenLoop.Route forYou = new OpenLoop.Route("for-you", 200);
    OpenLoop.Route similar = new OpenLoop.Route("similar", 200);
    OpenLoop.Route search = new OpenLoop.Route("search", 200);
    OpenLoop.Route events = new OpenLoop.Route("events", 202);
    List<java.util.function.IntFunction<java.net.http.HttpRequest>> requests = List.of(
        i -> OpenLoop.get(base, "/v1/recommendations/for-you?n=10&user=" + enc(users.get(rnd.split().nextInt(users.size())))),
        i -> OpenLoop.get(base, "/v1/recommendations/similar?n=10&item=" + enc(items.get(rnd.split().nextInt(items.size())).id())
            + "&user=" + enc(users.get(rnd.split().nextInt(users.size())))),
        i -> OpenLoop.get(base, "/v1/search?n=10&q=" + enc(f.words().get(rnd.split().nextInt(f.words().size())))
            + "&user=" + enc(users.get(rnd.split().nextInt(users.size())))));
    List<OpenLoop.Route> routes = List.of(forYou, similar, search);
    List<OpenLoop.Stream> streams = new ArrayList<>();
    if (load.routeRates() != null) {
      for (int r = 0; r < 3; r++) if (load.rate(r) > 0) streams.add(OpenLoop.Stream.of(routes.get(r), load.rate(r), requests.get(r)));
    } else {
      OpenLoop.Interleave mix = new OpenLoop.Interleave(load.shares());
      streams.add(new OpenLoop.Stream("mix", load.total(), i -> {
        int r = mix.next();
        return new OpenLoop.Call(routes.get(r), requests.get(r).apply(i));
      }));
    }
    if (load.events() > 0) {
      streams.add(OpenLoop.Stream.of(events, load.events() / eventBatch, i -> {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < eventBatch; k++) {
          if (k > 0) sb.append(',');
          sb.append(view(users.get(rnd.split().nextInt(users.size())), items.get(rnd.split().nextInt(items.size())).id(),
              ++eventClock[0]));
        }
        return OpenLoop.post(base, "/v1/events", sb.append(']').toString());
      }));
    }
    List<OpenLoop.Route> all = List.of(forYou, similar, search, events);
    OpenLoop loop = new OpenLoop(client, maxOutstanding);
    loop.run(streams, all, seconds);
    if (print) {
      for (int r = 0; r < 3; r++) if (load.rate(r) > 0) System.out.println("  " + routes.get(r).summary(load.rate(r), seconds));
      if (load.events() > 0) System.out.println("  " + events.summary(load.events() / eventBatch, seconds) + " (POSTs)");
      int windows = Math.max(1, (seconds + 9) / 10);
      System.out.println("  p99 (ms) of the requests due in each 10 s of the run:");
      for (OpenLoop.Route r : all) {
        if (r.sent.get() > 0) System.out.printf(Locale.ROOT, "    %-8s %s%n", r.name, r.p99By(loop.started, 10_000_000_000L, windows));
      }
    }
  }

  private static void ingestion(HttpClient client, String base, Fixture f, int batches) throws Exception {
    List<String> bodies = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(11);
    long t = f.now() + 10_000_000L;
    for (int b = 0; b < Math.min(batches, 200); b++) {
      StringBuilder sb = new StringBuilder("[");
      for (int k = 0; k < 100; k++) {
        if (k > 0) sb.append(',');
        sb.append(view(f.users().get(rnd.nextInt(f.users().size())), f.items().get(rnd.nextInt(f.items().size())).id(), ++t));
      }
      bodies.add(sb.append(']').toString());
    }
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    int senders = 4;
    long cpu0 = CpuClock.processNanos();
    var threads0 = JvmThreadsCpu.threads();
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
    for (int w = 0; w < senders; w++) {
      workers.add(CompletableFuture.runAsync(() -> {
        long i;
        while ((i = next.getAndIncrement()) < batches) {
          try {
            HttpResponse<String> r = client.send(OpenLoop.post(base, "/v1/events", bodies.get((int) (i % bodies.size()))),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) errors.incrementAndGet();
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      }, pool));
    }
    for (CompletableFuture<Void> w : workers) w.join();
    pool.shutdown();
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "ingestion: %d POSTs of 100 events from %d senders in %.2f s = %,.0f events/s "
        + "(202 = durable), errors %d%n", batches, senders, s, batches * 100 / s, errors.get());
    double cpu = (CpuClock.processNanos() - cpu0) / 1e9;
    long up = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    System.out.printf(Locale.ROOT, "  process CPU %.2f s (%.1f µs per event; load generator and server together), JVM uptime %.1f-%.1f s%n  %s%n",
        cpu, cpu * 1e6 / (batches * 100.0), up / 1e3 - s, up / 1e3, JvmThreadsCpu.byNameSince(threads0, 0.02));
  }

  private static void eventToEffect(HttpClient client, String base, Fixture f, int trials) throws Exception {
    Map<String, List<Item>> byCategory = new HashMap<>();
    for (Item i : f.items()) if (i.category() != null && i.inStock()) byCategory.computeIfAbsent(i.category(), k -> new ArrayList<>()).add(i);
    HttpResponse<String> cold = client.send(OpenLoop.get(base, "/v1/recommendations/for-you?n=10&user=bench-cold-start"),
        HttpResponse.BodyHandlers.ofString());
    List<String> categories = new ArrayList<>();
    for (Map.Entry<String, List<Item>> e : byCategory.entrySet()) {
      if (e.getValue().size() >= 20 && !cold.body().contains("\"category\":\"" + e.getKey() + "\"")) categories.add(e.getKey());
    }
    categories.sort(null);
    double[] ms = new double[trials];
    int effects = 0;
    for (int k = 0; k < trials; k++) {
      String user = "bench-e2e-" + System.nanoTime() + "-" + k;
      String category = categories.get(k % categories.size());
      List<Item> in = byCategory.get(category);
      StringBuilder sb = new StringBuilder("[");
      for (int j = 0; j < 3; j++) sb.append(j > 0 ? "," : "").append(view(user, in.get(j).id(), f.now() + j));
      HttpResponse<String> ack = client.send(OpenLoop.post(base, "/v1/events", sb.append(']').toString()),
          HttpResponse.BodyHandlers.ofString());
      long t0 = System.nanoTime();
      if (ack.statusCode() != 202) throw new IllegalStateException("events refused: " + ack.body());
      String needle = "\"category\":\"" + category.replace("\"", "\\\"") + "\"";
      ms[k] = Double.NaN;
      for (int poll = 0; poll < 2000; poll++) {
        HttpResponse<String> r = client.send(OpenLoop.get(base, "/v1/recommendations/for-you?n=10&user=" + enc(user)),
            HttpResponse.BodyHandlers.ofString());
        if (r.body().contains(needle)) {
          ms[k] = (System.nanoTime() - t0) / 1e6;
          effects++;
          break;
        }
        if ((System.nanoTime() - t0) > 5_000_000_000L) break;
      }
    }
    double[] seen = Arrays.stream(ms).filter(d -> !Double.isNaN(d)).sorted().toArray();
    System.out.printf(Locale.ROOT, "event-to-effect: %d/%d trials saw the viewed category in for-you; from the 202: "
        + "median %.1f ms, max %.1f ms (each includes one for-you request)%n", effects, trials,
        seen.length == 0 ? Double.NaN : seen[seen.length / 2], seen.length == 0 ? Double.NaN : seen[seen.length - 1]);
  }

  /** Generates and imports the store when the data directory has none. */
  private static void prepare(Path data, String size) throws Exception {
    if (Files.isRegularFile(data.resolve(Stores.SQLITE_FILE))) return;
    Path gen = data.resolveSibling(data.getFileName() + "-jsonl");
    if (!Files.isRegularFile(gen.resolve("events.jsonl"))) {
      System.out.println("generating the " + size + " store into " + gen + " ...");
      new DataGenerator(GeneratorSpec.ofSize(size)).generate(gen);
    }
    Files.createDirectories(data);
    System.out.println("importing ...");
    try (Store store = Stores.forDataDir(data)) {
      List<ImportSource> sources = new ArrayList<>();
      for (Kind k : Kind.values()) {
        Path f = gen.resolve(k.defaultFileName());
        if (Files.isRegularFile(f)) sources.add(ImportSource.jsonl(k, f));
      }
      new Importer(store).progress(System.err::println).importAll(sources);
    }
  }
}
