package io.shopsense.server.http;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.shopsense.core.model.Item;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.EngineStats;
import io.shopsense.server.auth.Access;
import io.shopsense.server.console.ConsoleActivity;
import io.shopsense.server.console.ConsoleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Read-only routes the web console needs beyond the API contract: its configuration, traffic
 * activity for the dashboard, the evaluation reports, and training status. Registered through
 * {@code ShopSenseServer.start(engine, options, extraRoutes)}, so they get the same key checks,
 * rate limits, metrics and OpenAPI entries as the contract's routes.
 *
 * <p>The demo hands its API keys to the console in {@code /console-config.json}, but only to a
 * loopback client that addressed the server by a loopback name ({@code Host: localhost:8080},
 * {@code 127.0.0.1}, {@code [::1]}): a page of another site that rebinds its DNS name to 127.0.0.1
 * sends its own host name and gets no keys. {@code serve} never hands keys out.
 */
public final class ConsoleRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REPORTS = 50;
  private static final long MAX_REPORT_BYTES = 4L << 20;
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final ShopSense engine;
  private final ConsoleSettings settings;
  private final ConsoleActivity activity;

  /**
   * The console's routes for a plain server ({@code shopsense serve}): no keys handed out, no demo
   * hints, real time; the dashboard follows the engine's events from now on and (unless
   * {@code console.read_history=false}) reads the stored ones in the background.
   */
  public static List<RouteSpec> forServer(ShopSense engine, Path dataDir) {
    ConsoleActivity activity = ConsoleActivity.follow(engine, engine.config().getBoolean("console.read_history"));
    activity.readHistoryInBackground();
    return new ConsoleRoutes(engine, ConsoleSettings.plain(dataDir), activity).routes();
  }

  public ConsoleRoutes(ShopSense engine, ConsoleSettings settings, ConsoleActivity activity) {
    this.engine = engine;
    this.settings = settings;
    this.activity = activity;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    return List.of(
        new RouteSpec(GET, "/console-config.json", Access.PUBLIC,
            "Web console settings: shoppers and queries to offer, clock offset; a loopback demo adds its API keys",
            List.of(), null, 200, null, List.of(), this::config),
        new RouteSpec(GET, "/v1/console/activity", Access.SERVING,
            "Traffic for the dashboard: events by type, CTR, conversion, coverage and diversity of shown lists, "
                + "per minute (live) or per day (history)",
            List.of(ParamDoc.oneOf("window", List.of("live", "history"), "live (default) or history")), null, 200,
            null, List.of(), this::activity),
        new RouteSpec(GET, "/v1/console/items/{id}", Access.SERVING,
            "One catalog item as the engine holds it (for the console's item view)",
            List.of(ParamDoc.path("id", "item id")), null, 200, null, List.of(404), this::item),
        new RouteSpec(GET, "/v1/console/reports", Access.SERVING,
            "The evaluation reports (evaluate --json) saved under <data>/reports, newest first", List.of(), null, 200,
            null, List.of(), this::reports),
        new RouteSpec(GET, "/v1/console/training", Access.SERVING,
            "Training runs since start, the last one's duration and the serving snapshot", List.of(), null, 200, null,
            List.of(), this::training));
  }

  private void config(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("demo", settings.demo());
    body.put("shoppers", settings.hints().shoppers());
    body.put("queries", settings.hints().queries());
    body.put("clock_offset_ms", settings.clockOffsetMs());
    if (settings.demo() && settings.servingKey() != null && fromLoopback(ctx)) {
      body.put("keys", Map.of("serving", settings.servingKey(), "admin", settings.adminKey()));
    }
    ctx.header("Cache-Control", "no-store");
    Json.send(ctx, 200, body);
  }

  /** The socket is a loopback one and the client named the server by a loopback host. */
  static boolean fromLoopback(Context ctx) {
    try {
      if (!InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress()) return false;
    } catch (UnknownHostException e) {
      return false;
    }
    String host = ctx.header("Host");
    if (host == null) return false;
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) name = name.substring(0, name.indexOf(']') + 1);
    else if (name.indexOf(':') >= 0) name = name.substring(0, name.indexOf(':'));
    return LOOPBACK_HOSTS.contains(name);
  }

  private void activity(Context ctx) {
    String window = ctx.queryParam("window");
    if (window == null || window.isEmpty()) window = "live";
    if (!window.equals("live") && !window.equals("history")) {
      throw new ApiException(400, "window", "window must be live or history, got \"" + Params.shorten(window) + "\"");
    }
    Json.send(ctx, 200, activity.window(window, engine.stats().catalogItems()));
  }

  private void item(Context ctx) {
    String id = UserRoutes.pathId(ctx, "id");
    Item it = engine.internals().catalog().item(id);
    if (it == null) throw new ApiException(404, "id", "no item \"" + Params.shorten(id) + "\"");
    Json.send(ctx, 200, it);
  }

  private void reports(Context ctx) {
    List<Path> files = new ArrayList<>();
    Path dir = settings.reportsDir();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
        for (Path p : ds) if (Files.isRegularFile(p) && Files.size(p) <= MAX_REPORT_BYTES) files.add(p);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    files.sort(Comparator.comparing(ConsoleRoutes::modified).reversed());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path p : files.subList(0, Math.min(MAX_REPORTS, files.size()))) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("file", p.getFileName().toString());
      r.put("modified", modified(p));
      try {
        JsonNode report = JSON.readTree(p.toFile());
        if (report == null || !report.has("results")) continue; // not an evaluation report
        r.put("report", report);
      } catch (IOException e) {
        r.put("error", "not readable as JSON: " + e.getMessage());
      }
      out.add(r);
    }
    Json.send(ctx, 200, Map.of("reports", out));
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private void training(Context ctx) {
    EngineStats s = engine.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", s.trainRuns());
    body.put("last_seconds", s.lastTrainSeconds() > 0 ? s.lastTrainSeconds() : null);
    body.put("snapshot", s.snapshotVersion());
    body.put("snapshot_created", s.snapshotCreated());
    Json.send(ctx, 200, body);
  }
}
