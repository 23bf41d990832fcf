package io.shopsense.engine.api;

import java.util.List;

/**
 * Per-variant outcomes of an experiment. An impression is one served list; a click or purchase of an
 * item of that list by the same shopper (within {@code experiments.attribution_minutes}, or naming
 * the list's request id as the event's {@code session}) is attributed to it.
 */
public record ExperimentReport(String id, List<VariantReport> variants) {

  /**
   * @param ctr lists with at least one attributed click / impressions (Wilson 95% interval)
   * @param conversion lists with at least one attributed purchase / impressions (Wilson 95% interval)
   * @param revenuePerImpression attributed revenue / impressions (normal 95% interval)
   */
  public record VariantReport(String variant, long impressions, long clicks, long conversions, double revenue,
      Rate ctr, Rate conversion, Rate revenuePerImpression) {}

  /** An estimate with its 95% confidence interval. */
  public record Rate(double value, double low, double high) {}
}
