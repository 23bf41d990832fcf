package io.shopsense.server.limits;

/**
 * A token bucket: {@code ratePerSecond} tokens arrive per second up to {@code burst}; each request
 * takes one. Refill is computed lazily from the clock on each call, so an idle bucket costs nothing.
 * Thread-safe (one short critical section per request).
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long last;

  /** A full bucket at time {@code nowNanos}. */
  public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /**
   * Takes one token.
   *
   * @return 0 when granted, else the nanoseconds until a token will be available
   */
  public synchronized long take(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /** True when the bucket has refilled completely: it then behaves like a new one and can be dropped. */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long now) {
    long dt = now - last;
    if (dt > 0) {
      tokens = Math.min(burst, tokens + dt * ratePerNano);
      last = now;
    }
  }
}
