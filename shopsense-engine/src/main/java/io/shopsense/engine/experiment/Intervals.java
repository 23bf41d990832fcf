package io.shopsense.engine.experiment;

import io.shopsense.engine.api.ExperimentReport.Rate;

/**
 * 95% confidence intervals for the experiment report. Proportions (CTR, conversion) use the Wilson
 * score interval (Wilson 1927, "Probable inference, the law of succession, and statistical
 * inference"), which stays inside [0, 1] and behaves at small counts and rates near 0; the mean
 * revenue per impression uses the normal approximation with the sample standard deviation (revenue
 * is heavy-tailed, so it is reliable only with many impressions). O(1).
 */
public final class Intervals {
  /** The two-sided 95% normal quantile. */
  static final double Z = 1.959963984540054;

  private Intervals() {}

  /** Wilson interval of {@code successes / trials}; (0, 0, 0) without trials. */
  public static Rate wilson(long successes, long trials) {
    if (trials <= 0) return new Rate(0, 0, 0);
    double n = trials;
    double p = successes / n;
    double z2 = Z * Z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    return new Rate(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * Normal interval of a mean from the sum and sum of squares of {@code n} observations; the lower
   * bound is clamped at 0 (revenue is never negative).
   */
  public static Rate mean(double sum, double sumSquares, long n) {
    if (n <= 0) return new Rate(0, 0, 0);
    double mean = sum / n;
    if (n == 1) return new Rate(mean, 0, mean); // no spread from one observation: only the bound at 0 is known
    double var = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
    double half = Z * Math.sqrt(var / n);
    return new Rate(mean, Math.max(0, mean - half), mean + half);
  }
}
