package io.shopsense.bench;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Interaction matrices for benchmarks: a random one shaped like MovieLens-1M (users, items and
 * non-zeros as given; Zipf-skewed item popularity and a long-tailed number of items per user,
 * every user at least 20, as in ML-1M; weights 1..5 like star ratings), or a real NCF
 * {@code *.train.rating} file.
 */
public final class SkewedMatrix {
  private SkewedMatrix() {}

  /** A random matrix: {@code nnz} distinct (user, item) pairs. */
  public static InteractionMatrix random(int users, int items, int nnz, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    // item popularity ~ 1 / rank^0.9, shuffled over item ids
    double[] cdf = new double[items];
    int[] perm = new int[items];
    for (int i = 0; i < items; i++) perm[i] = i;
    for (int i = items - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    double total = 0;
    for (int r = 0; r < items; r++) {
      total += 1.0 / Math.pow(r + 1, 0.9);
      cdf[r] = total;
    }
    // items per user: 20 + Pareto tail, scaled to hit nnz
    double[] want = new double[users];
    double sum = 0;
    for (int u = 0; u < users; u++) {
      want[u] = Math.pow(1 - rnd.nextDouble(), -1 / 1.3); // Pareto(alpha 1.3), min 1
      sum += want[u];
    }
    int free = nnz - 20 * users;
    int[] count = new int[users];
    long placed = 0;
    for (int u = 0; u < users; u++) {
      count[u] = Math.min(items / 2, 20 + (int) Math.round(want[u] / sum * free));
      placed += count[u];
    }
    for (int u = 0; placed < nnz; u = (u + 1) % users) { // top up rounding losses
      if (count[u] < items / 2) { count[u]++; placed++; }
    }
    for (int u = 0; placed > nnz; u = (u + 1) % users) {
      if (count[u] > 20) { count[u]--; placed--; }
    }
    int[] r = new int[nnz], c = new int[nnz];
    float[] v = new float[nnz];
    int n = 0;
    BitSet seen = new BitSet(items);
    for (int u = 0; u < users; u++) {
      seen.clear();
      for (int k = 0; k < count[u]; k++) {
        int item;
        do {
          int rank = lowerBound(cdf, rnd.nextDouble() * total);
          item = perm[rank];
        } while (seen.get(item));
        seen.set(item);
        r[n] = u;
        c[n] = item;
        v[n] = 1 + rnd.nextInt(5);
        n++;
      }
    }
    return InteractionMatrix.fromTriples(ids("u", users), ids("i", items), r, c, v, n);
  }

  /** Reads an NCF {@code user \t item \t rating \t time} file with 0-based ids. */
  public static InteractionMatrix ncf(Path file) throws IOException {
    List<int[]> rows = new ArrayList<>();
    int maxU = -1, maxI = -1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t");
        int u = Integer.parseInt(f[0]), i = Integer.parseInt(f[1]);
        rows.add(new int[] {u, i, (int) Double.parseDouble(f[2])});
        maxU = Math.max(maxU, u);
        maxI = Math.max(maxI, i);
      }
    }
    int n = rows.size();
    int[] r = new int[n], c = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      r[k] = rows.get(k)[0];
      c[k] = rows.get(k)[1];
      v[k] = rows.get(k)[2];
    }
    return InteractionMatrix.fromTriples(ids("u", maxU + 1), ids("i", maxI + 1), r, c, v, n);
  }

  private static IdIndex ids(String prefix, int n) {
    IdIndex idx = new IdIndex(n);
    for (int i = 0; i < n; i++) idx.add(prefix + i);
    return idx;
  }

  private static int lowerBound(double[] cdf, double x) {
    int lo = 0, hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
