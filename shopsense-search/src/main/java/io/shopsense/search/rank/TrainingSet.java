package io.shopsense.search.rank;

import java.util.Arrays;

/**
 * Learning-to-rank data: one group per logged search, its candidates' feature rows, graded labels
 * (0-3) and per-row weights (inverse propensity of the shown position for positives, 1 otherwise).
 *
 * @param features row-major, {@link Feature#COUNT} values per row
 * @param labels one per row
 * @param weights one per row
 * @param groups number of rows of each group, in order
 */
public record TrainingSet(float[] features, float[] labels, float[] weights, int[] groups) {

  public TrainingSet {
    int rows = labels.length;
    if (features.length != rows * Feature.COUNT) {
      throw new IllegalArgumentException(features.length + " feature values for " + rows + " rows of " + Feature.COUNT);
    }
    if (weights.length != rows) throw new IllegalArgumentException(weights.length + " weights for " + rows + " rows");
    if (Arrays.stream(groups).asLongStream().sum() != rows) throw new IllegalArgumentException("group sizes do not add up to " + rows);
  }

  public int rows() {
    return labels.length;
  }

  /** Grows group by group. */
  public static final class Builder {
    private float[] x = new float[1 << 14];
    private float[] y = new float[1 << 10];
    private float[] w = new float[1 << 10];
    private int[] g = new int[64];
    private int rows;
    private int groups;

    /** Adds one group: {@code n} rows of features with their labels and weights. */
    public Builder add(float[] features, float[] labels, float[] weights, int n) {
      if (n == 0) return this;
      while (rows + n > y.length) {
        y = Arrays.copyOf(y, y.length * 2);
        w = Arrays.copyOf(w, w.length * 2);
      }
      while ((rows + n) * Feature.COUNT > x.length) x = Arrays.copyOf(x, x.length * 2);
      if (groups == g.length) g = Arrays.copyOf(g, groups * 2);
      System.arraycopy(features, 0, x, rows * Feature.COUNT, n * Feature.COUNT);
      System.arraycopy(labels, 0, y, rows, n);
      System.arraycopy(weights, 0, w, rows, n);
      g[groups++] = n;
      rows += n;
      return this;
    }

    public int groups() {
      return groups;
    }

    public TrainingSet build() {
      return new TrainingSet(Arrays.copyOf(x, rows * Feature.COUNT), Arrays.copyOf(y, rows), Arrays.copyOf(w, rows),
          Arrays.copyOf(g, groups));
    }
  }
}
