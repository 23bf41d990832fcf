package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed-seed implicit-feedback set with a known low-rank structure: users and items get Gaussian
 * vectors of the given rank and items a Gaussian popularity; each user draws {@code perUser + 1}
 * distinct items with probability proportional to {@code exp(u·v + popularity)} (Gumbel top-k), and
 * one of them, chosen at random, is held out.
 */
record LowRankData(InteractionMatrix train, int[] heldOut) {
  static LowRankData generate(int users, int items, int rank, int perUser, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] uf = gaussians(rnd, users * rank);
    double[] vf = gaussians(rnd, items * rank);
    double[] pop = gaussians(rnd, items);
    int n = users * perUser;
    int[] r = new int[n];
    int[] c = new int[n];
    float[] w = new float[n];
    int[] heldOut = new int[users];
    double[] key = new double[items];
    Integer[] order = new Integer[items];
    int q = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        double dot = 0;
        for (int k = 0; k < rank; k++) dot += uf[u * rank + k] * vf[i * rank + k];
        key[i] = dot + pop[i] - Math.log(-Math.log(1 - rnd.nextDouble())); // + Gumbel noise
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
      int hold = rnd.nextInt(perUser + 1);
      for (int k = 0; k <= perUser; k++) {
        if (k == hold) {
          heldOut[u] = order[k];
        } else {
          r[q] = u;
          c[q] = order[k];
          w[q++] = 1f;
        }
      }
    }
    return new LowRankData(TestData.matrix(users, items, r, c, w), heldOut);
  }

  private static double[] gaussians(SplittableRandom rnd, int n) {
    double[] a = new double[n];
    for (int k = 0; k < n; k++) a[k] = rnd.nextGaussian();
    return a;
  }

  /** Hit rate at k: the share of users whose held-out item is among their top k unseen items. */
  double hitRate(io.shopsense.recommend.TrainedModel model, int k) {
    int hits = 0;
    for (int u = 0; u < train.rows(); u++) {
      int user = u;
      for (var s : model.recommend(u, k, i -> train.get(user, i) == 0f)) {
        if (s.item() == heldOut[u]) hits++;
      }
    }
    return (double) hits / train.rows();
  }

  /** Hit rate at k of ranking unseen items by training popularity (count), ties by lower index. */
  double popularityHitRate(int k) {
    float[] count = new float[train.cols()];
    for (int col : train.colIndex()) count[col]++;
    int hits = 0;
    for (int u = 0; u < train.rows(); u++) {
      int user = u;
      for (var s : io.shopsense.recommend.TopK.select(count, k, i -> train.get(user, i) == 0f)) {
        if (s.item() == heldOut[u]) hits++;
      }
    }
    return (double) hits / train.rows();
  }
}
