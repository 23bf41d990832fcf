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
    double quantileMs(double q) { // requests not sent count as infinitely slow
      int n = (int) Math.min(recorded.get(), latencies.length);
      if (n == 0) return Double.NaN;
      long[] s = Arrays.copyOf(latencies, n);
      Arrays.sort(s);
      long v = s[Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1))];
      return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }

    String summary(int seconds) {
      return String.format(Locale.ROOT, "%-10s %6.0f req/s target, %6d sent, %6.1f req/s done, p50 %7.2f ms, p99 %8.2f ms, "
              + "p99.9 %8.2f ms, max %8.2f ms, errors %d%s", name, rate, sent, recorded.get() / (double) seconds,
          quantileMs(0.5), quantileMs(0.99), quantileMs(0.999), quantileMs(1.0), errors.get(),
          firstError == null ? "" : " (first: " + firstError + ")");
    }
  }

  private final HttpClient client;
  private final int maxOutstanding;

  /**
   * @param maxOutstanding most requests in flight; a request due while that many are outstanding is not
   *     sent and counts as an error (a saturated server would otherwise drive the connection count, and
   *     the file descriptors, without bound)
   */
  OpenLoop(HttpClient client, int maxOutstanding) {
    this.client = client;
    this.maxOutstanding = maxOutstanding;
  }

  /** A client for loopback load: HTTP/1.1, connections reused from the pool, a small callback pool. */
  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "load-client");
          t.setDaemon(true);
          return t;
        })).build();
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
    java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
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
      if (outstanding.get() >= maxOutstanding) {
        s.record(Long.MAX_VALUE, false, "not sent: " + maxOutstanding + " requests outstanding");
        continue;
      }
      outstanding.incrementAndGet();
      inFlight.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
        outstanding.decrementAndGet();
        long lat = System.nanoTime() - intended;
        if (ex != null) s.record(lat, false, ex.toString());
        else s.record(lat, r.statusCode() == s.okStatus, r.statusCode() + " " + abbreviate(r.body()));
      }));
      if (inFlight.size() > 4096) inFlight.removeIf(CompletableFuture::isDone);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40); // requests time out after 30 s
    for (CompletableFuture<?> f : inFlight) {
      try {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) { // recorded by whenComplete, or still open at the deadline (counted below)
      }
    }
    for (Stream s : streams) {
      long missing = s.sent - s.recorded.get();
      if (missing > 0) {
        s.errors.addAndGet(missing);
        if (s.firstError == null) s.firstError = missing + " requests unanswered after 40 s";
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
