package io.shopsense.search.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * TreeSHAP in Java: a hand-computed Shapley value, LightGBM's own contributions on a trained
 * LambdaMART model, and many request threads at once (LightGBM's native call corrupted its heap
 * when two threads explained with one model, so explanations no longer call it).
 */
class TreeShapTest {
  /**
   * One tree: root splits feature 0 (100 rows); its left child (50 rows) splits feature 1 into
   * leaves 4 (20 rows) and 0 (30 rows); its right child is leaf 2 (50 rows). The row (0.2, 0.3)
   * reaches leaf 4. With v(S) the count-weighted expectation given the features in S: v({}) = 1.8,
   * v({0}) = (20·4 + 30·0) / 50 = 1.6, v({1}) = 0.5·4 + 0.5·2 = 3, v({0,1}) = 4, so the Shapley
   * values are φ0 = ((1.6 − 1.8) + (4 − 3)) / 2 = 0.4 and φ1 = ((3 − 1.8) + (4 − 1.6)) / 2 = 1.8.
   */
  @Test
  void handComputedShapleyValues() {
    String model = String.join("\n", "tree", "max_feature_idx=1", "", "Tree=0", "num_leaves=3", "num_cat=0",
        "split_feature=0 1", "threshold=0.5 0.5", "decision_type=2 2", "left_child=1 -1", "right_child=-3 -2",
        "leaf_value=4 0 2", "internal_count=100 50", "leaf_count=20 30 50", "", "end of trees", "");
    TreeEnsemble t = TreeEnsemble.parse(model);
    float[] x = {0.2f, 0.3f};
    assertThat(t.contributions(x, 0, 2)).containsExactly(new double[] {0.4, 1.8}, offset(1e-12));
    assertThat(t.expectedValue()).isCloseTo(1.8, offset(1e-12));
    // the row (0.9, 0.3) reaches leaf 2: v({0}) = 2, v({1}) = 3 as before, v({0,1}) = 2, so
    // φ0 = ((2 − 1.8) + (2 − 3)) / 2 = −0.4 and φ1 = ((3 − 1.8) + (2 − 2)) / 2 = 0.6: feature 1 decides
    // nothing on this row's path, yet knowing it moves the expectation where feature 0 is unknown
    assertThat(t.contributions(new float[] {0.9f, 0.3f}, 0, 2)).containsExactly(new double[] {-0.4, 0.6}, offset(1e-12));
  }

  @Test
  void equalsLightGbmContributionsAndIsSafeFromManyThreads() throws Exception {
    long seed = 5;
    TrainingSet data = TreeEnsembleTest.synthetic(seed, 200, 20);
    LtrRanker m = LtrRanker.train(data, new LtrRanker.Params(80, "learning_rate=0.1 num_leaves=31 min_data_in_leaf=5", 1));
    TreeEnsemble trees = TreeEnsemble.parse(m.modelString());
    float[] x = TreeEnsembleTest.synthetic(seed + 1, 10, 20).features();
    int rows = x.length / Feature.COUNT;
    double[] score = m.score(x, rows);
    double[][] expected = new double[rows][];
    for (int i = 0; i < rows; i++) {
      double[] nat = NativeLightGbm.contributions(m.modelString(), x, i);
      expected[i] = m.contributions(x, i);
      assertThat(expected[i]).as("row %d, seed %d", i, seed).hasSize(Feature.COUNT)
          .containsExactly(java.util.Arrays.copyOf(nat, Feature.COUNT), offset(1e-9));
      assertThat(nat[Feature.COUNT]).as("expected value").isCloseTo(trees.expectedValue(), offset(1e-9));
      assertThat(sum(expected[i]) + trees.expectedValue()).as("row %d adds up", i).isCloseTo(score[i], offset(1e-9));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t * 7;
        fs.add(pool.submit(() -> {
          go.await();
          for (int k = 0; k < 400; k++) {
            int i = (first + k) % rows;
            assertThat(m.contributions(x, i)).as("row %d", i).containsExactly(expected[i]);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdown();
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s;
  }
}
