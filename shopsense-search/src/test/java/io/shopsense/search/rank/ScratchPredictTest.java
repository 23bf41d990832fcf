package io.shopsense.search.rank;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScratchPredictTest {
  @Test
  void time() {
    SplittableRandom r = new SplittableRandom(1);
    TrainingSet.Builder b = new TrainingSet.Builder();
    int f = Feature.COUNT;
    for (int g = 0; g < 2000; g++) {
      int n = 50;
      float[] x = new float[n * f];
      float[] y = new float[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < f; j++) { x[i * f + j] = (float) r.nextDouble(); s += x[i * f + j] * (j % 3 - 1); }
        y[i] = s + r.nextGaussian() > 1 ? (r.nextDouble() < 0.3 ? 3 : 1) : 0;
        w[i] = 1;
      }
      b.add(x, y, w, n);
    }
    try (LtrRanker m = LtrRanker.train(b.build(), new LtrRanker.Params(150, "learning_rate=0.05 num_leaves=31 min_data_in_leaf=50", 1))) {
      float[] x = new float[200 * f];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
      for (int k = 0; k < 300; k++) m.score(x, 200);
      long[] t = new long[1000];
      for (int k = 0; k < 1000; k++) { long t0 = System.nanoTime(); m.score(x, 200); t[k] = System.nanoTime() - t0; }
      java.util.Arrays.sort(t);
      System.out.println("PREDICT 200 rows p50 " + t[500] / 1e6 + " ms p99 " + t[990] / 1e6 + " ms");
      var th = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = th.getCurrentThreadCpuTime();
      for (int k = 0; k < 1000; k++) m.score(x, 200);
      System.out.println("PREDICT thread cpu per call " + (th.getCurrentThreadCpuTime() - c0) / 1e6 / 1000 + " ms");
    }
  }
}
