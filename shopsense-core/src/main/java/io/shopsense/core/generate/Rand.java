package io.shopsense.core.generate;

import java.util.SplittableRandom;

/** Seeded sampling helpers. Every stream of the generator is a {@link SplittableRandom} made by {@link #stream}. */
final class Rand {
  private Rand() {}

  /** An independent generator for stream {@code k} of a seed (SplitMix64 finaliser over seed and k). */
  static SplittableRandom stream(long seed, long k) {
    long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  static double lognormal(SplittableRandom r, double mu, double sigma) {
    return Math.exp(mu + sigma * r.nextGaussian());
  }

  /** Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    double limit = Math.exp(-mean), p = 1;
    int k = -1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > limit);
    return k;
  }

  /** Index drawn with probability proportional to {@code weights}. */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Index drawn from the first {@code n} entries of a cumulative weight array (binary search). */
  static int cumulative(SplittableRandom r, double[] cum, int n) {
    double u = r.nextDouble() * cum[n - 1];
    int lo = 0, hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Zipf-like weights 1/(rank+1)^s: the first entries are the popular ones. */
  static double[] zipf(int n, double s) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 1 / Math.pow(i + 1, s);
    return w;
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  static <T> T pick(SplittableRandom r, java.util.List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  /** Zero-padded id such as {@code u00042}; the width fits the largest index. */
  static String id(String prefix, int index, int count) {
    int width = Math.max(3, Integer.toString(count).length());
    StringBuilder sb = new StringBuilder(prefix.length() + width).append(prefix);
    String n = Integer.toString(index + 1);
    for (int i = n.length(); i < width; i++) sb.append('0');
    return sb.append(n).toString();
  }
}
