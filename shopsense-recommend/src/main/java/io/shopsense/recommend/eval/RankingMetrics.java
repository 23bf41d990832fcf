package io.shopsense.recommend.eval;

import java.util.Arrays;

/**
 * Accuracy metrics of one ranked list against one user's relevant items, as pure functions.
 *
 * <p>A list is described by {@code hits}: {@code hits[i]} is true when the item at rank {@code i}
 * (0-based) is relevant. Only the first {@code k} positions count; a list shorter than {@code k}
 * is treated as padded with misses. Conventions (stated because papers differ):
 *
 * <ul>
 *   <li>precision@k divides by k, even when the list is shorter;
 *   <li>NDCG@k uses the log2(rank + 2) discount (0-based rank) and the ideal DCG of
 *       min(|relevant|, k) relevant items; binary gain 1, or the graded gain given;
 *   <li>AP@k is normalised by min(|relevant|, k), so a perfect top-k scores 1;
 *   <li>MRR@k and hit rate only look at the first k positions;
 *   <li>AUC counts a tie between a relevant and an irrelevant item as one half.
 * </ul>
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** Marks which entries of the list are relevant. */
  public static boolean[] hits(int[] list, java.util.function.IntPredicate relevant) {
    boolean[] h = new boolean[list.length];
    for (int i = 0; i < list.length; i++) h[i] = relevant.test(list[i]);
    return h;
  }

  /** Relevant items in the first k, over k. */
  public static double precision(boolean[] hits, int k) {
    checkK(k);
    return count(hits, k) / (double) k;
  }

  /** Relevant items in the first k, over all relevant items (0 when there are none). */
  public static double recall(boolean[] hits, int k, int numRelevant) {
    checkK(k);
    return numRelevant == 0 ? 0 : count(hits, k) / (double) numRelevant;
  }

  /** Harmonic mean of precision and recall; 0 when both are 0. */
  public static double f1(double precision, double recall) {
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  /** Binary-gain NDCG@k. */
  public static double ndcg(boolean[] hits, int k, int numRelevant) {
    checkK(k);
    if (numRelevant == 0) return 0;
    double dcg = 0;
    for (int i = 0; i < Math.min(k, hits.length); i++) if (hits[i]) dcg += discount(i);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, numRelevant); i++) idcg += discount(i);
    return dcg / idcg;
  }

  /**
   * Graded NDCG@k with linear gain (Järvelin and Kekäläinen 2002): {@code gains[i]} is the grade
   * of the item at rank i (0 when irrelevant); {@code relevantGains} holds the grade of every
   * relevant item, from which the ideal ordering is built.
   */
  public static double ndcg(double[] gains, int k, double[] relevantGains) {
    checkK(k);
    double[] ideal = relevantGains.clone();
    Arrays.sort(ideal);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[ideal.length - 1 - i] * discount(i);
    if (idcg <= 0) return 0;
    double dcg = 0;
    for (int i = 0; i < Math.min(k, gains.length); i++) dcg += gains[i] * discount(i);
    return dcg / idcg;
  }

  /** AP@k: the mean of precision@(i+1) over the hit positions i &lt; k, over min(|relevant|, k). */
  public static double averagePrecision(boolean[] hits, int k, int numRelevant) {
    checkK(k);
    if (numRelevant == 0) return 0;
    double sum = 0;
    int found = 0;
    for (int i = 0; i < Math.min(k, hits.length); i++) {
      if (hits[i]) sum += ++found / (double) (i + 1);
    }
    return sum / Math.min(numRelevant, k);
  }

  /** 1 / (rank + 1) of the first hit within the first k, else 0. */
  public static double reciprocalRank(boolean[] hits, int k) {
    checkK(k);
    for (int i = 0; i < Math.min(k, hits.length); i++) if (hits[i]) return 1.0 / (i + 1);
    return 0;
  }

  /** 1 when any of the first k is relevant, else 0. */
  public static double hitRate(boolean[] hits, int k) {
    return reciprocalRank(hits, k) > 0 ? 1 : 0;
  }

  /**
   * Area under the ROC curve for one user: the fraction of (relevant, irrelevant) pairs that the
   * scores order correctly, ties counting one half. O((p + n) log n). NaN when either side is empty.
   */
  public static double auc(float[] relevantScores, float[] irrelevantScores) {
    if (relevantScores.length == 0 || irrelevantScores.length == 0) return Double.NaN;
    float[] neg = irrelevantScores.clone();
    for (int i = 0; i < neg.length; i++) if (Float.isNaN(neg[i])) neg[i] = Float.NEGATIVE_INFINITY;
    Arrays.sort(neg);
    double correct = 0;
    for (float s0 : relevantScores) {
      float s = Float.isNaN(s0) ? Float.NEGATIVE_INFINITY : s0;
      int below = lowerBound(neg, s);
      int upTo = upperBound(neg, s);
      correct += below + 0.5 * (upTo - below);
    }
    return correct / ((double) relevantScores.length * neg.length);
  }

  /** The NDCG discount 1 / log2(rank + 2) for a 0-based rank. */
  public static double discount(int rank) {
    return Math.log(2) / Math.log(rank + 2);
  }

  private static int count(boolean[] hits, int k) {
    int c = 0;
    for (int i = 0; i < Math.min(k, hits.length); i++) if (hits[i]) c++;
    return c;
  }

  private static void checkK(int k) {
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
  }

  /** First index whose value is &gt;= s. */
  private static int lowerBound(float[] a, float s) {
    int lo = 0, hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] < s) lo = m + 1; else hi = m;
    }
    return lo;
  }

  /** First index whose value is &gt; s. */
  private static int upperBound(float[] a, float s) {
    int lo = 0, hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= s) lo = m + 1; else hi = m;
    }
    return lo;
  }
}
