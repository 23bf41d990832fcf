package io.shopsense.search;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A throttled progress line for long operations: {@code indexing: 45% (9000/20000, 180/s)}, logged
 * at most every {@code everyMillis} and once at the end. Thread-safe.
 */
public final class Progress {
  private final Logger log;
  private final String label;
  private final long total;
  private final long everyMillis;
  private final long started = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private long lastLog = System.nanoTime();
  private boolean finished;

  public Progress(Logger log, String label, long total, long everyMillis) {
    this.log = log;
    this.label = label;
    this.total = total;
    this.everyMillis = everyMillis;
  }

  /** A progress that never logs (for callers that report themselves). */
  public static Progress silent(long total) {
    return new Progress(null, "", total, Long.MAX_VALUE);
  }

  /** Records {@code n} more units done. */
  public void advance(long n) {
    long d = done.addAndGet(n);
    if (log == null) return;
    synchronized (this) {
      long now = System.nanoTime();
      boolean end = d >= total && !finished;
      if (!end && (now - lastLog) / 1_000_000 < everyMillis) return;
      if (end) finished = true;
      lastLog = now;
      double secs = Math.max(1e-9, (now - started) / 1e9);
      log.info("{}: {}% ({}/{}, {}/s)", label, total == 0 ? 100 : d * 100 / total, d, total, Math.round(d / secs));
    }
  }

  public long done() {
    return done.get();
  }
}
