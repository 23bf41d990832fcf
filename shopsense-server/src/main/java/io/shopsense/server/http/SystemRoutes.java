package io.shopsense.server.http;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.EngineStats;
import io.shopsense.server.auth.Access;
import io.shopsense.server.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health} (liveness and readiness), {@code /metrics} (Prometheus) and {@code /openapi.json}.
 * No key needed: they reveal nothing about shoppers.
 */
public final class SystemRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SystemRoutes.class);

  private final ShopSense engine;
  private final ServerMetrics metrics;
  private final Supplier<String> openApi;

  public SystemRoutes(ShopSense engine, ServerMetrics metrics, Supplier<String> openApi) {
    this.engine = engine;
    this.metrics = metrics;
    this.openApi = openApi;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    return List.of(
        new RouteSpec(GET, "/health", Access.PUBLIC,
            "Liveness and readiness: 200 when the store answers and a snapshot is loaded, else 503", List.of(),
            null, 200, "Health", List.of(503), this::health),
        new RouteSpec(GET, "/metrics", Access.PUBLIC,
            "Prometheus metrics: request rate and latency histograms per route, events, snapshot version, training",
            List.of(), null, 200, "Metrics", List.of(),
            ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())),
        new RouteSpec(GET, "/openapi.json", Access.PUBLIC, "This OpenAPI 3 document", List.of(), null, 200, null,
            List.of(), ctx -> ctx.contentType(Json.CONTENT_TYPE).result(openApi.get())));
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String store = "ok";
    long version = 0;
    try {
      EngineStats s = engine.stats();
      version = s.snapshotVersion();
      engine.internals().store().shopCount(); // a cheap query: does the store answer?
    } catch (RuntimeException e) {
      store = "unreachable";
      problems.add("store: " + e.getMessage());
      LOG.warn("health check: the store does not answer: {}", e.toString());
    }
    if (version <= 0) problems.add("no model snapshot is loaded (train one: POST /v1/train or shopsense train)");
    boolean ready = problems.isEmpty();
    body.put("status", ready ? "ok" : "unavailable");
    body.put("live", true);
    body.put("ready", ready);
    body.put("store", store);
    body.put("snapshot", version);
    if (!ready) body.put("problems", problems);
    Json.send(ctx, ready ? 200 : 503, body);
  }
}
