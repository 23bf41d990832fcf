package io.shopsense.engine.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's "now" for freshness (new arrivals, trending windows, promotion validity, due
 * re-purchases). With {@code engine.clock=auto} it is the wall clock, unless the newest event seen is
 * more than a day behind it (historical or replayed data, such as a generated store): then it is
 * that event's time, so a store from last year still has active promotions and new arrivals as of
 * its own last day. {@code wall} and {@code data} force one or the other. Thread-safe.
 */
public final class EngineClock {
  private static final long DAY = 86_400_000L;
  private final String mode;
  private final AtomicLong dataTime = new AtomicLong(Long.MIN_VALUE);

  public EngineClock(String mode) {
    if (!mode.equals("auto") && !mode.equals("wall") && !mode.equals("data")) {
      throw new IllegalArgumentException("engine.clock must be auto, wall or data, got '" + mode + "'");
    }
    this.mode = mode;
  }

  /** Notes an event time (the clock never goes back). */
  public void observe(long time) {
    dataTime.accumulateAndGet(time, Math::max);
  }

  /** The newest event time seen, or {@code Long.MIN_VALUE}. */
  public long dataTime() {
    return dataTime.get();
  }

  public long now() {
    long wall = System.currentTimeMillis();
    long d = dataTime.get();
    if (mode.equals("wall") || d == Long.MIN_VALUE) return wall;
    if (mode.equals("data")) return d;
    return wall - d > DAY ? d : wall;
  }

  /** The wall clock (for validating that events are not from the future). */
  public long wall() {
    return System.currentTimeMillis();
  }
}
