package io.shopsense.recommend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parallel loop over [0, n) on a fixed number of threads, handing out chunks of indices
 * dynamically. Each thread owns one scratch state (accumulators and the like). Results stay
 * deterministic whatever the thread count as long as the body writes only to index-owned output.
 * Long loops log a progress line at each 10% once they have run for two seconds.
 */
public final class Parallel {
  private static final Logger LOG = LoggerFactory.getLogger(Parallel.class);
  private static final long QUIET_NANOS = 2_000_000_000L;

  private Parallel() {}

  /** The loop body: one index with the calling thread's scratch state. */
  @FunctionalInterface
  public interface Body<S> {
    void run(S state, int index);
  }

  /**
   * Runs {@code body} for every index in [0, n).
   *
   * @param chunk indices claimed at a time (at least 1)
   * @param state makes one scratch state per thread
   * @param label names the loop in progress lines, or null for no progress
   */
  public static <S> void forEach(int n, int threads, int chunk, Supplier<S> state, Body<S> body, String label) {
    if (n <= 0) return;
    int c = Math.max(1, chunk);
    int workers = Math.max(1, Math.min(threads, (n + c - 1) / c));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    Runnable work = () -> {
      S s = state.get();
      int from;
      while (failure.get() == null && (from = next.getAndAdd(c)) < n) {
        int to = Math.min(n, from + c);
        try {
          for (int i = from; i < to; i++) body.run(s, i);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
          return;
        }
        int before = done.getAndAdd(to - from);
        if (label != null) progress(label, before, before + to - from, n, start);
      }
    };
    if (workers == 1) {
      work.run();
    } else {
      Thread[] ts = new Thread[workers - 1];
      for (int t = 0; t < ts.length; t++) {
        ts[t] = new Thread(work, "shopsense-worker-" + t);
        ts[t].setDaemon(true);
        ts[t].start();
      }
      work.run();
      for (Thread t : ts) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
        }
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException) throw (RuntimeException) t;
    if (t instanceof Error) throw (Error) t;
    if (t != null) throw new IllegalStateException(label + " interrupted", t);
  }

  private static void progress(String label, int before, int after, int n, long start) {
    int p0 = (int) (10L * before / n), p1 = (int) (10L * after / n);
    if (p1 > p0 && System.nanoTime() - start > QUIET_NANOS) LOG.info("{}: {}%", label, p1 * 10);
  }
}
