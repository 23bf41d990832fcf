package io.shopsense.recommend.eval;

/**
 * Beyond-accuracy metrics of recommendation lists, as pure functions: catalog coverage, novelty
 * and intra-list diversity.
 */
public final class ListMetrics {
  private ListMetrics() {}

  /** Distinct items recommended to anybody, over the catalog size. */
  public static double coverage(int[][] lists, int numItems) {
    if (numItems <= 0) throw new IllegalArgumentException("numItems must be positive, got " + numItems);
    boolean[] seen = new boolean[numItems];
    int distinct = 0;
    for (int[] l : lists) {
      for (int i : l) {
        if (!seen[i]) {
          seen[i] = true;
          distinct++;
        }
      }
    }
    return distinct / (double) numItems;
  }

  /**
   * Mean self-information of the recommended items (Zhou et al. 2010): over every entry of every
   * list, {@code -log2(users(i) / numUsers)}, where users(i) counts the training users of item i.
   * An item nobody interacted with counts as if one user had, so the figure stays finite.
   * Returns NaN when every list is empty.
   */
  public static double novelty(int[][] lists, int[] itemUserCounts, int numUsers) {
    if (numUsers <= 0) throw new IllegalArgumentException("numUsers must be positive, got " + numUsers);
    double sum = 0;
    long n = 0;
    for (int[] l : lists) {
      for (int i : l) {
        sum += selfInformation(itemUserCounts[i], numUsers);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** {@code -log2(max(count, 1) / numUsers)}. */
  public static double selfInformation(int count, int numUsers) {
    return -Math.log(Math.max(count, 1) / (double) numUsers) / Math.log(2);
  }

  /**
   * Intra-list diversity (Ziegler et al. 2005): the mean distance over the unordered pairs of the
   * list. O(len^2) distance calls. NaN for lists of fewer than two items.
   */
  public static double intraListDiversity(int[] list, ItemDistance distance) {
    if (list.length < 2) return Double.NaN;
    double sum = 0;
    for (int a = 0; a < list.length; a++) {
      for (int b = a + 1; b < list.length; b++) sum += distance.distance(list[a], list[b]);
    }
    return sum / (list.length * (list.length - 1) / 2.0);
  }
}
