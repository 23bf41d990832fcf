package io.shopsense.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.ParsedEndpoint;
import io.shopsense.core.io.JsonBodies;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.ConflictException;
import io.shopsense.engine.api.NotFoundException;
import io.shopsense.server.auth.Access;
import io.shopsense.server.auth.ApiKeys;
import io.shopsense.server.http.ApiException;
import io.shopsense.server.http.ExperimentRoutes;
import io.shopsense.server.http.Json;
import io.shopsense.server.http.Params;
import io.shopsense.server.http.ReadRoutes;
import io.shopsense.server.http.RouteSpec;
import io.shopsense.server.http.SystemRoutes;
import io.shopsense.server.http.UserRoutes;
import io.shopsense.server.http.WriteRoutes;
import io.shopsense.server.limits.RateLimiter;
import io.shopsense.server.metrics.ServerMetrics;
import io.shopsense.server.openapi.OpenApi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Javalin 7 on Jetty 12) over a {@link ShopSense} engine: the API of DESIGN.md
 * section 4 under {@code /v1}, {@code /health}, {@code /metrics}, {@code /openapi.json} and the web
 * console at {@code /}. Every route goes through one wrapper that, in order, labels the request with
 * its route template (metrics), rate-limits the client address, checks the API key, rate-limits the
 * key and refuses unknown query parameters. The engine's lifetime is the caller's.
 */
public final class ShopSenseServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShopSenseServer.class);
  private static final String ROUTE = "shopsense.route";
  static final String VERSION = "0.1.0";

  private final Javalin app;
  private final List<RouteSpec> routes;
  private final ServerMetrics metrics;

  private ShopSenseServer(Javalin app, List<RouteSpec> routes, ServerMetrics metrics) {
    this.app = app;
    this.routes = routes;
    this.metrics = metrics;
  }

  /**
   * Starts serving.
   *
   * @throws IllegalArgumentException when no API keys are configured and the host is not a loopback address
   */
  public static ShopSenseServer start(ShopSense engine, ServerOptions options) {
    return start(engine, options, List.of());
  }

  /**
   * Starts serving with extra routes (the console's read-only routes), which get the same key checks,
   * rate limits, metrics and OpenAPI entries as the API's own.
   */
  public static ShopSenseServer start(ShopSense engine, ServerOptions options, List<RouteSpec> extraRoutes) {
    requireSafeBinding(options);
    engine.warmUp(); // recently active shoppers' live state, loaded in the background
    ServerMetrics metrics = new ServerMetrics();
    bindEngineMetrics(metrics, engine);
    var trainTimer = metrics.timer("shopsense_training", "Training runs started over HTTP");
    List<RouteSpec> routes = new ArrayList<>();
    routes.addAll(new ReadRoutes(engine, options).routes());
    routes.addAll(new WriteRoutes(engine, options,
        r -> trainTimer.record((long) (r.seconds() * 1e9), TimeUnit.NANOSECONDS)).routes());
    routes.addAll(new UserRoutes(engine, options).routes());
    routes.addAll(new ExperimentRoutes(engine, options).routes());
    routes.addAll(extraRoutes);
    String[] openApi = new String[1];
    routes.addAll(new SystemRoutes(engine, metrics, () -> openApi[0]).routes());
    boolean console = ShopSenseServer.class.getResource("/public/index.html") != null;
    if (!console) routes.add(placeholderPage());
    openApi[0] = OpenApi.document(routes, VERSION);
    RateLimiter perAddress = new RateLimiter(options.ratePerSecond(), options.rateBurst(), options.maxClients());
    RateLimiter perKey = new RateLimiter(options.keyRatePerSecond(), options.keyRateBurst(), 16);
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.host = options.host();
      cfg.jetty.port = options.port();
      cfg.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(options.maxThreads(), 8, 60_000);
      cfg.http.maxRequestSize = options.maxBodyBytes();
      cfg.http.prefer405over404 = true;
      if (console) {
        cfg.staticFiles.add(s -> {
          s.hostedPath = "/";
          s.directory = "/public";
          s.location = Location.CLASSPATH;
        });
      }
      for (RouteSpec r : routes) {
        cfg.routes.addHttpHandler(r.method(), r.path(), wrap(r, options.keys(), perAddress, perKey));
      }
      cfg.routes.exception(Exception.class, (e, ctx) -> mapException(e, ctx));
      cfg.routes.error(404, ctx -> {
        if (ctx.attribute(Json.ERROR_WRITTEN) == null) Json.error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path(), null);
      });
      cfg.routes.error(405, ctx -> {
        if (ctx.attribute(Json.ERROR_WRITTEN) == null) Json.error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), null);
      });
      cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), ctx.<String>attribute(ROUTE), ctx.statusCode(),
          (long) (ms * 1_000_000L)));
    });
    app.start();
    LOG.info("ShopSense API listening on http://{}:{} (API keys {})", options.host(), app.port(),
        options.keys().enabled() ? "required" : "off: loopback only");
    return new ShopSenseServer(app, List.copyOf(routes), metrics);
  }

  /** Without the console files on the classpath, {@code /} says where things are. */
  private static RouteSpec placeholderPage() {
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>ShopSense</title></head><body>"
        + "<h1>ShopSense</h1><p>The API is under <code>/v1</code>; see <a href=\"/openapi.json\">/openapi.json</a>, "
        + "<a href=\"/health\">/health</a> and <a href=\"/metrics\">/metrics</a>.</p></body></html>";
    return new RouteSpec(io.javalin.http.HandlerType.GET, "/", Access.PUBLIC, "The web console (static files)", List.of(),
        null, 200, null, List.of(), ctx -> ctx.contentType("text/html; charset=utf-8").result(html));
  }

  /** Refuses a non-loopback address without keys: an open API must not be reachable from the network. */
  public static void requireSafeBinding(ServerOptions o) {
    if (o.keys().enabled()) return;
    boolean loopback;
    try {
      loopback = InetAddress.getByName(o.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host '" + o.host() + "'");
    }
    if (!loopback) {
      throw new IllegalArgumentException("refusing to listen on " + o.host() + " without API keys: set SHOPSENSE_API_KEY "
          + "and SHOPSENSE_ADMIN_KEY, or listen on 127.0.0.1");
    }
  }

  private static Handler wrap(RouteSpec spec, ApiKeys keys, RateLimiter perAddress, RateLimiter perKey) {
    return ctx -> {
      ctx.attribute(ROUTE, spec.path());
      // the socket's address: headers such as X-Forwarded-For are client-controlled
      long wait = perAddress.acquire(ctx.req().getRemoteAddr());
      if (wait > 0) throw ApiException.tooManyRequests(wait, "too many requests from this address");
      if (spec.access() != Access.PUBLIC && keys.enabled()) {
        ApiKeys.Role role = keys.roleOf(ctx.header(ApiKeys.HEADER));
        if (role == ApiKeys.Role.NONE) {
          throw new ApiException(401, null, ctx.header(ApiKeys.HEADER) == null
              ? "missing API key: send it in the X-Api-Key header" : "wrong API key");
        }
        if (!ApiKeys.allows(role, spec.access())) throw new ApiException(403, null, "this route needs the admin key");
        wait = perKey.acquire(ApiKeys.label(role));
        if (wait > 0) throw ApiException.tooManyRequests(wait, "too many requests for this API key");
      }
      Params.of(ctx.queryParamMap(), spec.queryNames());
      spec.handler().handle(ctx);
    };
  }

  private static void mapException(Exception e, Context ctx) {
    if (e instanceof ApiException a) {
      if (a.retryAfterSeconds() != null) ctx.header("Retry-After", Long.toString(a.retryAfterSeconds()));
      Json.error(ctx, a.status(), a.getMessage(), a.field());
    } else if (e instanceof JsonBodies.BodyException b) {
      Json.error(ctx, b.tooMany() ? 413 : 400, b.getMessage(), b.field());
    } else if (e instanceof ConflictException c) {
      Json.error(ctx, 409, c.getMessage(), c.field());
    } else if (e instanceof BadRequestException b) {
      Json.error(ctx, 400, b.getMessage(), b.field());
    } else if (e instanceof NotFoundException n) {
      Json.error(ctx, 404, n.getMessage(), null);
    } else if (e instanceof HttpResponseException h) { // Javalin's own (e.g. its body size check)
      Json.error(ctx, h.getStatus(), h.getMessage(), null);
    } else if (e instanceof IllegalArgumentException i) { // bad input the engine refused without a field
      Json.error(ctx, 400, i.getMessage(), null);
    } else {
      String id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
      LOG.error("request {} {} {} failed (error id {})", ctx.method(), ctx.path(), ctx.attribute(ROUTE), id, e);
      Json.error(ctx, 500, "internal error (id " + id + " in the server log)", null);
    }
  }

  private static void bindEngineMetrics(ServerMetrics m, ShopSense engine) {
    m.gauge("shopsense_snapshot_version", "Version of the model snapshot serving", () -> engine.stats().snapshotVersion());
    m.counter("shopsense_events_ingested", "Events accepted since start", () -> engine.stats().eventsIngested());
    m.counter("shopsense_events_refused", "Events refused since start", () -> engine.stats().eventsRefused());
    m.gauge("shopsense_training_last_seconds", "Duration of the last training run", () -> engine.stats().lastTrainSeconds());
    m.counter("shopsense_training_runs", "Training runs since start", () -> engine.stats().trainRuns());
    m.gauge("shopsense_live_users", "Shoppers with live state in memory", () -> engine.stats().liveUsers());
    m.gauge("shopsense_catalog_items", "Items in the catalog cache", () -> engine.stats().catalogItems());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** The routes the server registered, as documented in {@code /openapi.json}. */
  public List<RouteSpec> routes() {
    return routes;
  }

  /** Javalin's own route table as {@code METHOD path} (for the documentation test). */
  public List<String> registeredRoutes() {
    List<String> out = new ArrayList<>();
    for (ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers()) {
      out.add(p.endpoint.method.name().toUpperCase(Locale.ROOT) + " " + p.endpoint.path);
    }
    return out;
  }

  /** Stops serving (the engine stays open). */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
