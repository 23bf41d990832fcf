package io.shopsense.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The server's Prometheus metrics (Micrometer): one latency timer with a histogram per (method,
 * route template, status), so {@code /v1/users/u1/profile} and {@code /v1/users/u2/profile} share
 * the series {@code route="/v1/users/{id}/profile"} and the label set stays small; plus gauges and
 * counters read from the engine at scrape time.
 */
public final class ServerMetrics {
  /** Route label of requests that matched no route. */
  public static final String UNMATCHED = "unmatched";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<Labels, Timer> timers = new ConcurrentHashMap<>();

  /** Records one finished request. */
  public void request(String method, String route, int status, long nanos) {
    // the timer of a label set is built once (a builder and a registry look-up per request cost more than the recording)
    timers.computeIfAbsent(new Labels(method, route == null ? UNMATCHED : route, status), l -> Timer.builder("http_server_requests")
        .description("HTTP requests by method, route template and status")
        .tag("method", l.method())
        .tag("route", l.route())
        .tag("status", Integer.toString(l.status()))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private record Labels(String method, String route, int status) {}

  /** A gauge read at scrape time. */
  public void gauge(String name, String description, DoubleSupplier value) {
    Gauge.builder(name, value::getAsDouble).description(description).register(registry);
  }

  /** A monotonic counter read at scrape time (Prometheus adds {@code _total}). */
  public void counter(String name, String description, DoubleSupplier value) {
    FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble).description(description).register(registry);
  }

  /** A timer the caller records into (e.g. training runs). */
  public Timer timer(String name, String description) {
    return Timer.builder(name).description(description).register(registry);
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }
}
