package io.shopsense.spark;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Locale;

/**
 * How our ridge {@code als.regularization} becomes Spark's {@code regParam}. The two ALS codes
 * regularize differently:
 * <ul>
 *   <li>ours ({@link io.shopsense.recommend.mf.ImplicitAls}, Hu et al. 2008) adds the same
 *       {@code λ ‖x‖²} to every user's and every item's least-squares problem;
 *   <li>Spark MLlib adds {@code regParam · n_r ‖x‖²}, where {@code n_r} is the row's number of
 *       positive ratings (the weighted-λ of ALS-WR, Zhou et al. 2008, which Spark applies to implicit
 *       feedback too), so heavy users and popular items are held back more.
 * </ul>
 * No single {@code regParam} gives every row the same ridge as ours, so {@link #MATCHED} (the
 * default) gives the same <em>total</em> ridge over all rows: {@code Σ_r regParam · n_r = λ · R}
 * where R counts the non-empty users and items, i.e. {@code regParam = λ R / (2 nnz)} (each
 * non-zero is counted once in its user's row and once in its item's). A row of average length then
 * gets exactly λ. {@link #RAW} passes λ through unchanged (Spark's own scale: a user with 100
 * ratings gets 100 λ). Explicit ALS-WR ({@code alswr.regularization}) is weighted-λ on both sides
 * already and always maps 1:1.
 */
public enum RegularizationMapping {
  /** {@code regParam = λ · (non-empty users + non-empty items) / (2 · positive non-zeros)}. */
  MATCHED,
  /** {@code regParam = λ}. */
  RAW;

  /** Key {@code spark.als.regularization_mapping}: {@code matched} or {@code raw}. */
  public static RegularizationMapping from(Config config) {
    String v = config.get("spark.als.regularization_mapping").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "matched" -> MATCHED;
      case "raw" -> RAW;
      default -> throw new ConfigException("spark.als.regularization_mapping must be matched or raw, got '" + v + "'",
          "spark.als.regularization_mapping");
    };
  }

  /** Spark's {@code regParam} for our ridge {@code lambda} on this matrix. */
  public double regParam(double lambda, InteractionMatrix m) {
    if (this == RAW) return lambda;
    long positive = 0;
    int users = 0;
    boolean[] itemSeen = new boolean[m.cols()];
    int items = 0;
    float[] vals = m.values();
    int[] cols = m.colIndex();
    for (int r = 0; r < m.rows(); r++) {
      int n = 0;
      for (int q = m.rowStart(r); q < m.rowEnd(r); q++) {
        if (vals[q] > 0) { // Spark counts only ratings > 0 in n_r
          n++;
          if (!itemSeen[cols[q]]) {
            itemSeen[cols[q]] = true;
            items++;
          }
        }
      }
      positive += n;
      if (n > 0) users++;
    }
    return positive == 0 ? lambda : lambda * (users + (double) items) / (2.0 * positive);
  }
}
