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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load generator: each stream fires requests at fixed intended times
 * ({@code start + i / rate}) whether or not earlier ones have answered, with the JDK's async
 * HttpClient, and measures each latency from the intended send time, not the actual one, so a
 * stalled server is charged for the requests it delayed (no coordinated omission). A stream's
 * requests may go to several {@link Route}s (a mix at one total rate); each route keeps its own
 * latencies and errors.
 */
final class OpenLoop {
  /** Where latencies and errors of one kind of request are recorded. */
  static final class Route {
    final String name;
    final int okStatus;
    private long[] latencies = new long[1024];
    private long[] intended = new long[1024]; // when each recorded request was due (nanoTime)
    private int recorded;
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;
    final AtomicLong sent = new AtomicLong();

    Route(String name, int okStatus) {
      this.name = name;
      this.okStatus = okStatus;
    }

    synchronized void record(long due, long nanos, boolean ok, String error) {
      if (!ok) {
        errors.incrementAndGet();
        if (firstError == null) firstError = error;
      }
      if (recorded == latencies.length) {
        latencies = Arrays.copyOf(latencies, 2 * recorded);
        intended = Arrays.copyOf(intended, 2 * recorded);
      }
      intended[recorded] = due;
      latencies[recorded++] = nanos;
    }

    /**
     * The p99 of the requests due in each {@code window} of the run (ms; "inf" when one was not
     * answered), so a summary can say whether the tail is spread out or one stall.
     */
    synchronized String p99By(long start, long window, int windows) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < windows; w++) {
        long lo = start + w * window, hi = lo + window;
        long[] in = new long[recorded];
        int m = 0;
        for (int i = 0; i < recorded; i++) if (intended[i] >= lo && intended[i] < hi) in[m++] = latencies[i];
        if (sb.length() > 0) sb.append(' ');
        if (m == 0) {
          sb.append('-');
          continue;
        }
        Arrays.sort(in, 0, m);
        long v = in[Math.min(m - 1, Math.max(0, (int) Math.ceil(0.99 * m) - 1))];
        sb.append(v == Long.MAX_VALUE ? "inf" : String.format(Locale.ROOT, "%.1f", v / 1e6));
      }
      return sb.toString();
    }

    synchronized int recorded() {
      return recorded;
    }

    long errors() {
      return errors.get();
    }

    /** The latency at quantile q in milliseconds; requests not sent count as infinitely slow. */
    synchronized double quantileMs(double q) {
      if (recorded == 0) return Double.NaN;
      long[] s = Arrays.copyOf(latencies, recorded);
      Arrays.sort(s);
      long v = s[Math.min(recorded - 1, Math.max(0, (int) Math.ceil(q * recorded) - 1))];
      return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }

    String summary(double targetRate, int seconds) {
      return String.format(Locale.ROOT, "%-8s %6.0f req/s target, %6d sent, %6.1f req/s done, p50 %7.2f ms, p99 %8.2f ms, "
              + "p99.9 %8.2f ms, max %8.2f ms, errors %d%s", name, targetRate, sent.get(), recorded() / (double) seconds,
          quantileMs(0.5), quantileMs(0.99), quantileMs(0.999), quantileMs(1.0), errors(),
          firstError == null ? "" : " (first: " + firstError + ")");
    }

    /** Closes the books: requests sent but never answered are errors. */
    synchronized void unanswered() {
      long missing = sent.get() - recorded;
      if (missing > 0) {
        errors.addAndGet(missing);
        if (firstError == null) firstError = missing + " requests unanswered after 40 s";
      }
    }
  }

  /** One request of a stream: its route and the HTTP request. */
  record Call(Route route, HttpRequest request) {}

  /** Requests at a fixed rate; {@code call.apply(i)} gives the i-th (its route and request). */
  static final class Stream {
    final String name;
    final double rate;
    final IntFunction<Call> call;
    int sent;

    Stream(String name, double rate, IntFunction<Call> call) {
      this.name = name;
      this.rate = rate;
      this.call = call;
    }

    /** A stream whose requests all go to one route. */
    static Stream of(Route route, double rate, IntFunction<HttpRequest> request) {
      return new Stream(route.name, rate, i -> new Call(route, request.apply(i)));
    }
  }

  /**
   * Smooth weighted round-robin over shares (as nginx balances upstreams): the i-th pick of a fixed,
   * evenly interleaved sequence in which each index occurs in proportion to its share, e.g. 40/40/20
   * gives a b a b c a b a b c ...; deterministic, and exact over every full cycle.
   */
  static final class Interleave {
    private final double[] shares;
    private final double[] current;

    Interleave(double... shares) {
      this.shares = shares.clone();
      this.current = new double[shares.length];
    }

    int next() {
      double total = 0;
      int best = 0;
      for (int i = 0; i < shares.length; i++) {
        current[i] += shares[i];
        total += shares[i];
        if (current[i] > current[best]) best = i;
      }
      current[best] -= total;
      return best;
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

  /** When the last {@link #run} started (nanoTime). */
  long started;

  /** Runs the streams together for {@code seconds}, then waits for the answers still in flight. */
  void run(List<Stream> streams, List<Route> routes, int seconds) throws InterruptedException {
    long start = System.nanoTime() + 50_000_000L;
    started = start;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    AtomicInteger outstanding = new AtomicInteger();
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
      long intended = nextAt;
      Call call = next.call.apply(next.sent++);
      Route route = call.route();
      route.sent.incrementAndGet();
      if (outstanding.get() >= maxOutstanding) {
        route.record(intended, Long.MAX_VALUE, false, "not sent: " + maxOutstanding + " requests outstanding");
        continue;
      }
      outstanding.incrementAndGet();
      inFlight.add(client.sendAsync(call.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
        outstanding.decrementAndGet();
        long lat = System.nanoTime() - intended;
        if (ex != null) route.record(intended, lat, false, ex.toString());
        else route.record(intended, lat, r.statusCode() == route.okStatus, r.statusCode() + " " + abbreviate(r.body()));
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
    for (Route r : routes) r.unanswered();
  }

  static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
