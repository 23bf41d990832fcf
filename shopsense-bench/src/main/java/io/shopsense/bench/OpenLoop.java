package io.shopsense.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load generator: each stream fires requests at fixed intended times
 * ({@code start + i / rate}) whether or not earlier ones have answered, with the JDK's async
 * HttpClient, and measures each latency from the intended send time, not the actual one, so a
 * stalled server is charged for the requests it delayed (no coordinated omission).
 */
final class OpenLoop {
  /** One stream of requests at a fixed rate; {@code request.apply(i)} builds the i-th request. */
  static final class Stream {
    final String name;
    final double rate;
    final IntFunction<HttpRequest> request;
    final int okStatus;
    final long[] latencies;
    final AtomicLong recorded = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    volatile String firstError;
    int sent;

    Stream(String name, double rate, int seconds, int okStatus, IntFunction<HttpRequest> request) {
      this.name = name;
      this.rate = rate;
      this.okStatus = okStatus;
      this.request = request;
      this.latencies = new long[(int) Math.ceil(rate * seconds) + 16];
    }

    void record(long nanos, boolean ok, String error) {
      if (!ok) {
        errors.incrementAndGet();
        if (firstError == null) firstError = error;
      }
      long i = recorded.getAndIncrement();
      if (i < latencies.length) latencies[(int) i] = nanos;
    }

    /** The latency at quantile q in milliseconds. */
    double quantileMs(double q) {
      int n = (int) Math.min(recorded.get(), latencies.length);
      if (n == 0) return Double.NaN;
      long[] s = Arrays.copyOf(latencies, n);
      Arrays.sort(s);
      return s[Math.min(n - 1, (int) Math.ceil(q * n) - 1)] / 1e6;
    }

    String summary(int seconds) {
      return String.format(Locale.ROOT, "%-10s %6.0f req/s target, %6d sent, %6.1f req/s done, p50 %7.2f ms, p99 %8.2f ms, "
              + "p99.9 %8.2f ms, max %8.2f ms, errors %d%s", name, rate, sent, recorded.get() / (double) seconds,
          quantileMs(0.5), quantileMs(0.99), quantileMs(0.999), quantileMs(1.0), errors.get(),
          firstError == null ? "" : " (first: " + firstError + ")");
    }
  }

  private final HttpClient client;

  OpenLoop(HttpClient client) {
    this.client = client;
  }

  /** A client for loopback load: HTTP/1.1, connections reused from the pool. */
  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpRequest get(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  static HttpRequest post(String base, String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** Runs the streams together for {@code seconds}, then waits for the answers still in flight. */
  void run(List<Stream> streams, int seconds) throws InterruptedException {
    long start = System.nanoTime() + 50_000_000L;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    while (true) {
      Stream next = null;
      long nextAt = Long.MAX_VALUE;
      for (Stream s : streams) {
        long at = start + (long) (s.sent * 1e9 / s.rate);
        if (at < end && at < nextAt) {
          nextAt = at;
          next = s;
        }
      }
      if (next == null) break;
      long wait = nextAt - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      Stream s = next;
      long intended = nextAt;
      HttpRequest req = s.request.apply(s.sent++);
      inFlight.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
        long lat = System.nanoTime() - intended;
        if (ex != null) s.record(lat, false, ex.toString());
        else s.record(lat, r.statusCode() == s.okStatus, r.statusCode() + " " + abbreviate(r.body()));
      }));
      if (inFlight.size() > 4096) inFlight.removeIf(CompletableFuture::isDone);
    }
    for (CompletableFuture<?> f : inFlight) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (Exception e) { // recorded by whenComplete
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
