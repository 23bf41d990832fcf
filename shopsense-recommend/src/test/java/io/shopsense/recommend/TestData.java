package io.shopsense.recommend;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small matrices and configs for the recommend tests. */
public final class TestData {
  private TestData() {}

  /** A matrix from dense rows (0 = no interaction); users are u1.., items i1... */
  public static InteractionMatrix fromRows(double[][] rows) {
    int users = rows.length, items = rows[0].length;
    List<int[]> rc = new ArrayList<>();
    List<Float> v = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rows[u][i] != 0) {
          rc.add(new int[] {u, i});
          v.add((float) rows[u][i]);
        }
      }
    }
    return build(users, items, rc, v);
  }

  /**
   * A random matrix with skewed item popularity: each user gets 1 + Poisson-ish(meanPerUser) items,
   * item i drawn with weight 1/(i+1); weights 1..5.
   */
  public static InteractionMatrix random(int users, int items, int meanPerUser, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<int[]> rc = new ArrayList<>();
    List<Float> v = new ArrayList<>();
    double[] cdf = new double[items];
    double t = 0;
    for (int i = 0; i < items; i++) cdf[i] = t += 1.0 / (i + 1);
    for (int u = 0; u < users; u++) {
      int n = 1 + r.nextInt(2 * meanPerUser);
      java.util.BitSet seen = new java.util.BitSet();
      for (int k = 0; k < n; k++) {
        double x = r.nextDouble() * t;
        int i = 0;
        while (cdf[i] < x) i++;
        if (seen.get(i)) continue;
        seen.set(i);
        rc.add(new int[] {u, i});
        v.add((float) (1 + r.nextInt(5)));
      }
    }
    return build(users, items, rc, v);
  }

  private static InteractionMatrix build(int users, int items, List<int[]> rc, List<Float> v) {
    int n = rc.size();
    int[] r = new int[n], c = new int[n];
    float[] w = new float[n];
    for (int k = 0; k < n; k++) {
      r[k] = rc.get(k)[0];
      c[k] = rc.get(k)[1];
      w[k] = v.get(k);
    }
    return InteractionMatrix.fromTriples(ids("u", users), ids("i", items), r, c, w, n);
  }

  /** Ids prefix1 .. prefixN (1-based, like the worked example). */
  public static IdIndex ids(String prefix, int n) {
    IdIndex idx = new IdIndex(n);
    for (int i = 1; i <= n; i++) idx.add(prefix + i);
    return idx;
  }

  /** The defaults with overrides, e.g. {@code config("itemknn.neighbors", "5")}. */
  public static Config config(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int k = 0; k < kv.length; k += 2) m.put(kv[k], kv[k + 1]);
    return Config.defaults().with(m);
  }
}
