package io.shopsense.bench;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Interaction matrices for benchmarks: a random one shaped like MovieLens-1M (users, items and
 * non-zeros as given; Zipf-skewed item popularity and a long-tailed number of items per user,
 * every user at least 20, as in ML-1M; weights 1..5 like star ratings), a named MovieLens shape
 * built directly in CSR ({@link #shaped}, for the 20M shape), or a real NCF {@code *.train.rating}
 * file. {@link #random} and {@link #shaped} differ in their tails (Pareto vs log-normal activity)
 * and in memory; each keeps the figures measured with it reproducible.
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
   * A random matrix of a named shape, built straight into CSR (no coordinate triples) so the
   * ML-20M shape fits a 1.5 GB heap: user activity log-normal above a floor, item popularity
   * Zipf-skewed over a random item order, weights 1..5. Used by the matrix-factorization benchmarks.
   *
   * @param zipf item popularity exponent (about 1 for MovieLens-like skew)
   * @param minPerUser the smallest row
   */
  public static InteractionMatrix shaped(Shape s, double zipf, int minPerUser, long seed) {
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

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
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
