package io.shopsense.server.limits;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by a string (an API key's role, or a client's socket address), with bounded
 * memory: when {@code maxKeys} buckets exist, full buckets (equivalent to fresh ones) are dropped
 * first, then arbitrary ones, so a flood of distinct addresses cannot grow the map without bound
 * (at worst it forgets some partially drained buckets, which only errs towards admitting).
 */
public final class RateLimiter {
  private final double ratePerSecond;
  private final double burst;
  private final int maxKeys;
  private final LongSupplier clock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param ratePerSecond sustained requests per second per key; 0 or less switches limiting off
   * @param burst requests allowed at once (at least 1)
   * @param maxKeys most buckets kept
   */
  public RateLimiter(double ratePerSecond, double burst, int maxKeys) {
    this(ratePerSecond, burst, maxKeys, System::nanoTime);
  }

  /** With an explicit clock in nanoseconds. */
  public RateLimiter(double ratePerSecond, double burst, int maxKeys, LongSupplier clock) {
    if (ratePerSecond > 0 && burst < 1) throw new IllegalArgumentException("burst must be at least 1");
    if (maxKeys < 1) throw new IllegalArgumentException("maxKeys must be at least 1");
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  /** True when limiting is on. */
  public boolean enabled() {
    return ratePerSecond > 0;
  }

  /**
   * Takes a token for {@code key}.
   *
   * @return 0 when the request may proceed, else the whole seconds to wait (at least 1) for {@code Retry-After}
   */
  public long acquire(String key) {
    if (!enabled()) return 0;
    long now = clock.getAsLong();
    TokenBucket b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= maxKeys) evict(now);
      b = buckets.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, burst, now));
    }
    long waitNanos = b.take(now);
    return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }

  /** Buckets currently kept. */
  public int size() {
    return buckets.size();
  }

  private synchronized void evict(long now) {
    if (buckets.size() < maxKeys) return;
    buckets.values().removeIf(b -> b.full(now));
    int target = maxKeys - Math.max(1, maxKeys / 10);
    Iterator<String> it = buckets.keySet().iterator();
    while (buckets.size() > target && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
