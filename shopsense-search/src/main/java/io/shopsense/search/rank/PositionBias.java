package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import java.util.Arrays;

/**
 * Position bias of the logged result lists, corrected by inverse propensity weighting (Joachims et
 * al. 2017, "Unbiased Learning-to-Rank with Biased Feedback"): a result clicked at a low position was
 * likely to be skipped unseen, so its click counts for more. The examination propensity of position
 * k is estimated as the click rate at k over the click rate at the top position (made
 * non-increasing, floored at {@value #FLOOR}); a positive row shown at k weighs {@code 1 /
 * propensity(k)}, capped at {@code maxWeight}. Unclicked rows weigh 1. This estimate also absorbs
 * the logged ranker's relevance ordering, so it overstates the bias somewhat; the cap bounds the
 * variance. Feed it as a tracker {@link ImpressionTracker.Listener}; O(1) per event.
 */
public final class PositionBias implements ImpressionTracker.Listener {
  static final double FLOOR = 0.05;
  private static final int POSITIONS = 50;
  private final long[] shown = new long[POSITIONS];
  private final long[] clicked = new long[POSITIONS];
  private final double maxWeight;
  private double[] propensity;

  /** @param maxWeight cap of the inverse-propensity weight ({@code rank.ipw.max_weight}; 1 turns the correction off) */
  public PositionBias(double maxWeight) {
    if (!(maxWeight >= 1)) throw new IllegalArgumentException("rank.ipw.max_weight must be >= 1, got " + maxWeight);
    this.maxWeight = maxWeight;
  }

  @Override
  public void impression(ImpressionTracker.Impression imp) {
    int n = Math.min(POSITIONS, imp.shown().size());
    for (int k = 0; k < n; k++) shown[k]++;
    propensity = null;
  }

  @Override
  public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
    if (grade == 1 && position < POSITIONS) {
      clicked[position]++;
      propensity = null;
    }
  }

  /** The estimated examination propensity of a 0-based position (1 at the top). */
  public double propensity(int position) {
    if (propensity == null) propensity = estimate();
    return propensity[Math.min(Math.max(position, 0), POSITIONS - 1)];
  }

  /** The weight of a positive row shown at {@code position}; 1 for a row never shown (position &lt; 0). */
  public double weight(int position) {
    if (position < 0) return 1;
    return Math.min(maxWeight, 1 / propensity(position));
  }

  private double[] estimate() {
    double[] p = new double[POSITIONS];
    Arrays.fill(p, 1);
    if (shown[0] == 0 || clicked[0] == 0) return p;
    double top = (double) clicked[0] / shown[0];
    double prev = 1;
    for (int k = 1; k < POSITIONS; k++) {
      double r = shown[k] < 30 ? prev : Math.min(prev, ((double) clicked[k] / shown[k]) / top);
      p[k] = Math.max(FLOOR, r);
      prev = p[k];
    }
    return p;
  }
}
