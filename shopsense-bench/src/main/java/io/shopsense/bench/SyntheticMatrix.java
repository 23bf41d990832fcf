package io.shopsense.bench;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic users x items matrices shaped like the public datasets, for training benchmarks: user
 * activity log-normal with a floor (MovieLens keeps users with at least 20 ratings), item
 * popularity Zipf-skewed over a random item order, weights 1..5 like star ratings. Built straight
 * into CSR (no coordinate triples) so the 20M shape fits a 1.5 GB heap.
 */
public final class SyntheticMatrix {
  private SyntheticMatrix() {}

  /** A named shape: users, items, non-zeros. */
  public record Shape(String name, int users, int items, long nnz) {
    public static Shape of(String name) {
      return switch (name) {
        case "ml1m" -> new Shape("ml1m", 6_040, 3_706, 1_000_209L);
        case "ml20m" -> new Shape("ml20m", 138_493, 26_744, 20_000_263L);
        default -> throw new IllegalArgumentException("unknown shape '" + name + "' (ml1m, ml20m)");
      };
    }
  }

  /**
   * @param zipf item popularity exponent (about 1 for MovieLens-like skew)
   * @param minPerUser the smallest row
   */
  public static InteractionMatrix generate(Shape s, double zipf, int minPerUser, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int nu = s.users();
    int ni = s.items();
    int cap = ni / 2;
    // user activity: floor + log-normal share of the rest
    double[] w = new double[nu];
    double sum = 0;
    for (int u = 0; u < nu; u++) sum += w[u] = Math.exp(1.1 * gaussian(rnd));
    long rest = s.nnz() - (long) minPerUser * nu;
    int[] rowPtr = new int[nu + 1];
    for (int u = 0; u < nu; u++) {
      int n = (int) Math.min(cap, minPerUser + Math.round(rest * w[u] / sum));
      rowPtr[u + 1] = rowPtr[u] + n;
    }
    // item popularity: Zipf over a random permutation
    int[] perm = new int[ni];
    for (int i = 0; i < ni; i++) perm[i] = i;
    for (int i = ni - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = perm[i]; perm[i] = perm[j]; perm[j] = tmp;
    }
    double[] cdf = new double[ni];
    double acc = 0;
    for (int r = 0; r < ni; r++) cdf[r] = acc += Math.pow(r + 1, -zipf);
    int nnz = rowPtr[nu];
    int[] cols = new int[nnz];
    float[] vals = new float[nnz];
    int[] mark = new int[ni];
    for (int u = 0; u < nu; u++) {
      int start = rowPtr[u];
      int n = rowPtr[u + 1] - start;
      int filled = 0;
      long tries = 0;
      while (filled < n) {
        int item = ++tries < 50L * n
            ? perm[Math.min(ni - 1, lowerBound(cdf, rnd.nextDouble() * acc))]
            : rnd.nextInt(ni); // very heavy users exhaust the head: fill from the tail uniformly
        if (mark[item] == u + 1) continue;
        mark[item] = u + 1;
        cols[start + filled++] = item;
      }
      Arrays.sort(cols, start, start + n);
      for (int q = start; q < start + n; q++) vals[q] = 1 + rnd.nextInt(5);
    }
    return new InteractionMatrix(ids("u", nu), ids("i", ni), rowPtr, cols, vals);
  }

  private static int lowerBound(double[] a, double x) {
    int lo = 0, hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static IdIndex ids(String prefix, int n) {
    IdIndex idx = new IdIndex(n);
    for (int i = 0; i < n; i++) idx.add(prefix + i);
    return idx;
  }
}
