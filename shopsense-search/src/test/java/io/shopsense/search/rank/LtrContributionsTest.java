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
 * Explanations of a LambdaMART ranker: the contributions add up to the score, and many request
 * threads may ask for them at once. LightGBM's contribution path rewrites each tree's depth on every
 * call, so unserialized concurrent calls corrupted the native heap (the JVM aborted with "free():
 * invalid next size"); this test fails by wrong values or by crashing its JVM if they race again.
 */
class LtrContributionsTest {
  @Test
  void contributionsAddUpToTheScoreAndAreSafeFromManyThreads() throws Exception {
    long seed = 5;
    TrainingSet data = TreeEnsembleTest.synthetic(seed, 200, 20);
    try (LtrRanker m = LtrRanker.train(data, new LtrRanker.Params(80, "learning_rate=0.1 num_leaves=31 min_data_in_leaf=5", 1))) {
      float[] x = TreeEnsembleTest.synthetic(seed + 1, 10, 20).features();
      int rows = x.length / Feature.COUNT;
      double[] score = m.score(x, rows);
      double[][] expected = new double[rows][];
      for (int i = 0; i < rows; i++) expected[i] = m.contributions(x, i);
      // the contributions plus the expected value (not returned) add up to the score: all rows share that bias
      double bias0 = score[0] - sum(expected[0]);
      for (int i = 0; i < rows; i++) assertThat(score[i] - sum(expected[i])).as("row %d", i).isCloseTo(bias0, offset(1e-6));

      // fresh copies of the model (trees whose depths were never computed), each asked by 8 threads at once
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        for (int copy = 0; copy < 40; copy++) {
          try (LtrRanker fresh = LtrRanker.fromModelString(m.modelString())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
              int first = t * 7 + copy;
              fs.add(pool.submit(() -> {
                go.await();
                for (int k = 0; k < 40; k++) {
                  int i = (first + k) % rows;
                  assertThat(fresh.contributions(x, i)).as("row %d", i).containsExactly(expected[i], offset(1e-12));
                }
                return null;
              }));
            }
            go.countDown();
            for (Future<?> f : fs) f.get();
          }
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s;
  }
}
