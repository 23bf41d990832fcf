package io.shopsense.server.demo;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import io.shopsense.core.io.ImportReport;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.EngineStats;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.engine.api.TrainReport;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.ShopSenseServer;
import io.shopsense.server.console.ConsoleActivity;
import io.shopsense.server.console.ConsoleSettings;
import io.shopsense.server.http.ConsoleRoutes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The one-command demo: generate the synthetic store, import it, open the engine (which builds the
 * search index with embeddings), train every model, and serve the API and the web console. Each
 * step is skipped when an earlier start on the same data directory finished it, so a second start
 * is ready in seconds. Used by {@code ./shopsense demo} and, in-process, by the browser tests.
 */
public final class Demo implements AutoCloseable {
  /** Steps printed as {@code [i/STEPS]}. */
  static final int STEPS = 5;
  static final String CLOCK_FILE = "demo-clock.txt";

  /**
   * What to run.
   *
   * @param data the data directory
   * @param spec the store to generate
   * @param host the address to listen on
   * @param port the port (0 = any free one)
   * @param config config overrides (e.g. fewer algorithms in tests); keys must exist
   */
  public record Options(Path data, GeneratorSpec spec, String host, int port, Map<String, String> config) {
    public Options {
      config = config == null ? Map.of() : Map.copyOf(config);
    }
  }

  private final ShopSense engine;
  private final ShopSenseServer server;
  private final DemoKeys keys;
  private final String url;
  private final double readySeconds;
  private final String exampleShopper;
  private final Thread evaluation; // the background evaluation report, or null

  private Demo(ShopSense engine, ShopSenseServer server, DemoKeys keys, String url, double readySeconds,
      String exampleShopper, Thread evaluation) {
    this.exampleShopper = exampleShopper;
    this.evaluation = evaluation;
    this.engine = engine;
    this.server = server;
    this.keys = keys;
    this.url = url;
    this.readySeconds = readySeconds;
  }

  /**
   * Runs the steps and starts serving; progress lines go to {@code log}.
   *
   * @throws IllegalArgumentException when the data directory holds a demo of another size
   */
  public static Demo start(Options o, PrintWriter log) {
    DemoStore store = new DemoStore(o.data(), o.spec());
    store.checkCompatible();
    StepTimer t = new StepTimer(log, STEPS);

    if (store.generated()) {
      t.begin("generate", "reusing " + store.generatedDir());
      t.end("already generated");
    } else {
      t.begin("generate", "writing the synthetic store to " + store.generatedDir());
      GeneratorSummary g = store.generate(t);
      t.end(String.format(Locale.ROOT, "%,d items, %,d shops, %,d promotions, %,d events", g.items(), g.shops(),
          g.promotions(), g.events()));
    }

    if (store.imported()) {
      t.begin("import", "reusing " + store.storeUrl());
      t.end("already imported");
    } else {
      t.begin("import", "loading the JSONL files into " + store.storeUrl());
      long records = 0;
      for (ImportReport r : store.importGenerated(t)) records += r.imported();
      t.end(String.format(Locale.ROOT, "%,d records", records));
    }

    t.begin("index", "opening the engine; the search index (BM25 + embeddings) is built or brought up to date");
    EngineOptions eo = new EngineOptions(o.data(), store.storeUrl(), null);
    if (!o.config().isEmpty()) eo = eo.with(o.config());
    ShopSense engine = ShopSense.open(eo);
    try {
      EngineStats s = engine.stats();
      t.end(String.format(Locale.ROOT, "%,d items searchable, snapshot %d", s.catalogItems(), s.snapshotVersion()));

      SnapshotInfo current = engine.currentSnapshot();
      if (current != null && current.version() > 0) {
        t.begin("train", "reusing model snapshot " + current.version());
        t.end("already trained (" + String.join(", ", current.algorithms()) + ")");
      } else {
        t.begin("train", "fitting " + eo.config().get("engine.algorithms") + " and the search ranker, evaluating them on holdouts");
        TrainReport r = engine.train();
        if (!r.published()) throw new IllegalStateException("the first snapshot was not published: " + r.reason());
        t.end(String.format(Locale.ROOT, "snapshot %d (%s)", r.snapshot().version(), summary(r.snapshot())));
      }

      t.begin("serve", "starting the HTTP API and the web console");
      DemoKeys keys = DemoKeys.loadOrCreate(o.data());
      ServerOptions so = ServerOptions.from(eo.config(),
          Map.of("SHOPSENSE_API_KEY", keys.serving(), "SHOPSENSE_ADMIN_KEY", keys.admin()), o.host(), o.port());
      ConsoleHints hints = ConsoleHints.read(store.generatedDir(), 12, 16);
      ConsoleSettings cs = new ConsoleSettings(true, keys.serving(), keys.admin(), hints, clockOffset(o.data()),
          o.data().resolve("reports"));
      ConsoleActivity activity = ConsoleActivity.follow(engine, eo.config().getBoolean("console.read_history"));
      ShopSenseServer server = ShopSenseServer.start(engine, so, new ConsoleRoutes(engine, cs, activity).routes());
      activity.readHistoryInBackground();
      String host = o.host().contains(":") ? "[" + o.host() + "]" : o.host();
      String url = "http://" + ("127.0.0.1".equals(o.host()) ? "localhost" : host) + ":" + server.port() + "/";
      t.end("listening on " + url);
      Thread eval = DemoReports.startInBackground(cs.reportsDir(), store.storeUrl(), eo.config(), log);
      if (eval != null) {
        log.println("      the evaluation report (console: Evaluation) is being computed in the background");
        log.flush();
      }
      String example = hints.shoppers().isEmpty() ? "u1" : hints.shoppers().get(0).id();
      return new Demo(engine, server, keys, url, t.totalSeconds(), example, eval);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static String summary(SnapshotInfo s) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> e : s.metrics().entrySet()) {
      if (!s.algorithms().contains(e.getKey())) continue; // the search ranker's figures come last
      Double v = e.getValue().get("ndcg@10");
      if (sb.length() > 0) sb.append(", ");
      sb.append(e.getKey());
      if (v != null) sb.append(String.format(Locale.ROOT, " ndcg@10 %.3f", v));
    }
    if (s.searchRanker() != null) {
      Map<String, Double> m = s.metrics().getOrDefault("search-ranker", Map.of());
      Double v = m.get("ndcg@10_" + s.searchRanker());
      sb.append("; search ranker ").append(s.searchRanker());
      if (v != null) sb.append(String.format(Locale.ROOT, " held-out search ndcg@10 %.3f", v));
    }
    return sb.toString();
  }

  /**
   * How far back the console stamps its events: the simulated weeks end at a fixed past date, and the
   * console's clicks should land just after them. The first start's wall time is saved, so the demo
   * store's time runs on with the wall clock across restarts (never backwards).
   */
  static long clockOffset(Path data) {
    Path f = data.resolve(CLOCK_FILE);
    long end = DataGenerator.START + DataGenerator.DAYS * 86_400_000L;
    try {
      long first;
      if (Files.isRegularFile(f)) {
        first = Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).strip());
      } else {
        first = System.currentTimeMillis();
        Files.writeString(f, first + "\n", StandardCharsets.UTF_8);
      }
      return Math.min(0, end - first);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + f, e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(f + " is damaged (delete it): " + e.getMessage());
    }
  }

  /** A shopper of the demo store to show in examples. */
  public String exampleShopper() {
    return exampleShopper;
  }

  /** The console's address, e.g. {@code http://localhost:8080/}. */
  public String url() {
    return url;
  }

  public DemoKeys keys() {
    return keys;
  }

  public ShopSense engine() {
    return engine;
  }

  public int port() {
    return server.port();
  }

  /** Seconds from the start of the first step until serving. */
  public double readySeconds() {
    return readySeconds;
  }

  /** Stops the background evaluation and the server, then closes the engine. */
  @Override
  public void close() {
    try {
      DemoReports.stop(evaluation);
      server.stop();
    } finally {
      engine.close();
    }
  }
}
