package io.shopsense.search.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Java tree evaluation equals LightGBM's native raw scores, missing values and zeros included. */
class TreeEnsembleTest {
  static TrainingSet synthetic(long seed, int groups, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    TrainingSet.Builder b = new TrainingSet.Builder();
    int f = Feature.COUNT;
    for (int g = 0; g < groups; g++) {
      float[] x = new float[n * f];
      float[] y = new float[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < f; j++) {
          double u = r.nextDouble();
          // a few exact zeros and missing values, as real feature rows have
          x[i * f + j] = u < 0.1 ? 0f : u < 0.13 ? Float.NaN : (float) r.nextDouble();
          if (!Float.isNaN(x[i * f + j])) s += x[i * f + j] * (j % 3 - 1);
        }
        y[i] = s + r.nextGaussian() > 1 ? (r.nextDouble() < 0.3 ? 3 : 1) : 0;
        w[i] = 1;
      }
      b.add(x, y, w, n);
    }
    return b.build();
  }

  @Test
  void javaScoresEqualNativeScores() throws Exception {
    long seed = 11;
    TrainingSet data = synthetic(seed, 300, 20);
    try (LtrRanker m = LtrRanker.train(data, new LtrRanker.Params(60, "learning_rate=0.1 num_leaves=15 min_data_in_leaf=20", 1))) {
      float[] x = synthetic(seed + 1, 10, 50).features(); // 500 unseen rows
      int rows = x.length / Feature.COUNT;
      double[] java = m.score(x, rows);
      double[] nat = NativeLightGbm.rawScores(m.modelString(), x, rows);
      for (int i = 0; i < rows; i++) assertThat(java[i]).as("row %d, seed %d", i, seed).isCloseTo(nat[i], offset(1e-9));
      // and on the training rows, whose values sit exactly on the bin boundaries the thresholds came from
      double[] jt = m.score(data.features(), data.rows());
      double[] nt = NativeLightGbm.rawScores(m.modelString(), data.features(), data.rows());
      for (int i = 0; i < data.rows(); i++) assertThat(jt[i]).as("training row %d", i).isCloseTo(nt[i], offset(1e-9));
    }
  }
}
