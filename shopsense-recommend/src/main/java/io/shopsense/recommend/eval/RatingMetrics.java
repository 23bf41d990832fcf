package io.shopsense.recommend.eval;

/** Rating-prediction errors, as pure functions over paired arrays. */
public final class RatingMetrics {
  private RatingMetrics() {}

  /** Root mean squared error; NaN for empty input. */
  public static double rmse(double[] predicted, double[] actual) {
    check(predicted, actual);
    if (actual.length == 0) return Double.NaN;
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = predicted[i] - actual[i];
      s += d * d;
    }
    return Math.sqrt(s / actual.length);
  }

  /** Mean absolute error; NaN for empty input. */
  public static double mae(double[] predicted, double[] actual) {
    check(predicted, actual);
    if (actual.length == 0) return Double.NaN;
    double s = 0;
    for (int i = 0; i < actual.length; i++) s += Math.abs(predicted[i] - actual[i]);
    return s / actual.length;
  }

  private static void check(double[] p, double[] a) {
    if (p.length != a.length) {
      throw new IllegalArgumentException("predicted and actual differ in length: " + p.length + " vs " + a.length);
    }
  }
}
