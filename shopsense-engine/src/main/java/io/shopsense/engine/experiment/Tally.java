package io.shopsense.engine.experiment;

import io.shopsense.engine.api.ExperimentReport.VariantReport;

/**
 * The running outcome counts of one variant. Unit of analysis: one served list (impression). A list
 * counts as clicked (converted) once, however many clicks (purchases) reference it, so CTR and
 * conversion are proportions; revenue is summed per list with its square, for the variance of the
 * revenue per impression. Not thread-safe: {@link Experiments} guards it.
 */
final class Tally {
  long impressions;
  long clicked;
  long converted;
  double revenue;
  double revenueSquares;

  /** A list's revenue grew from {@code before} to {@code after}. */
  void revenue(double before, double after) {
    revenue += after - before;
    revenueSquares += after * after - before * before;
  }

  VariantReport report(String variant) {
    return new VariantReport(variant, impressions, clicked, converted, revenue,
        Intervals.wilson(clicked, impressions), Intervals.wilson(converted, impressions),
        Intervals.mean(revenue, revenueSquares, impressions));
  }
}
