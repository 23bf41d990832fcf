package io.shopsense.engine.experiment;

/**
 * Outcome counters of one variant. Revenue is kept per served list as a sum and a sum of squares,
 * for the interval of revenue per impression. Guarded by the {@link Experiments} lock.
 */
final class Counters {
  long impressions;
  long clicks;
  long conversions;
  double revenue;
  double revenueSq;
}
