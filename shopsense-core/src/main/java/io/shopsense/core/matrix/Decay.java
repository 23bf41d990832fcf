package io.shopsense.core.matrix;

/**
 * Exponential time decay by half-life: an event {@code age} old weighs {@code 0.5^(age / halfLife)}.
 * One definition for the interaction matrix and the user profiles.
 */
public final class Decay {
  /** Milliseconds in a day. */
  public static final double DAY_MS = 86_400_000d;
  private static final double LN2 = Math.log(2);

  private Decay() {}

  /** The half-life in milliseconds for a half-life in days; 0 (no decay) stays 0. */
  public static double halfLifeMs(double halfLifeDays) {
    if (!(halfLifeDays >= 0) || Double.isInfinite(halfLifeDays)) {
      throw new IllegalArgumentException("half-life must be a finite number of days >= 0, got " + halfLifeDays);
    }
    return halfLifeDays * DAY_MS;
  }

  /**
   * {@code 0.5^(ageMs / halfLifeMs)}; 1 when {@code halfLifeMs} is 0 (decay off). A negative age
   * (an event newer than the reference time) gives a factor above 1.
   */
  public static double factor(double ageMs, double halfLifeMs) {
    return halfLifeMs > 0 ? Math.exp(-LN2 * ageMs / halfLifeMs) : 1d;
  }
}
