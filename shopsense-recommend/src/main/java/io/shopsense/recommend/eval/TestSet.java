package io.shopsense.recommend.eval;

import java.util.Arrays;

/**
 * The held-out part of a split: for each test user (a row index of the training matrix) the
 * relevant items with their grades (the log values, e.g. star ratings), and optionally the
 * candidate items to rank (sampled protocols such as NCF); without candidates the user's ranking
 * is over the full catalog minus the user's training items. Immutable.
 */
public final class TestSet {
  private final int[] users;
  private final int[][] items;
  private final float[][] grades;
  private final int[][] candidates;

  private TestSet(int[] users, int[][] items, float[][] grades, int[][] candidates) {
    this.users = users;
    this.items = items;
    this.grades = grades;
    this.candidates = candidates;
  }

  /** Full-ranking test set from held-out rows (pairs or not; duplicates are merged). */
  public static TestSet of(InteractionLog heldOut) {
    InteractionLog p = heldOut.pairs();
    int[] start = p.userStarts();
    int[] rows = p.rowsGroupedByUser();
    int nu = 0;
    for (int u = 0; u < p.users().size(); u++) if (start[u + 1] > start[u]) nu++;
    int[] us = new int[nu];
    int[][] its = new int[nu][];
    float[][] gs = new float[nu][];
    int t = 0;
    for (int u = 0; u < p.users().size(); u++) {
      int len = start[u + 1] - start[u];
      if (len == 0) continue;
      long[] packed = new long[len];
      for (int j = 0; j < len; j++) {
        int r = rows[start[u] + j];
        packed[j] = ((long) p.item(r) << 32) | (Float.floatToRawIntBits(p.value(r)) & 0xffffffffL);
      }
      Arrays.sort(packed);
      us[t] = u;
      its[t] = new int[len];
      gs[t] = new float[len];
      for (int j = 0; j < len; j++) {
        its[t][j] = (int) (packed[j] >>> 32);
        gs[t][j] = Float.intBitsToFloat((int) packed[j]);
      }
      t++;
    }
    return new TestSet(us, its, gs, null);
  }

  /**
   * The same users with candidate lists (one per test user, in {@link #user(int)} order). Each list
   * is de-duplicated (first occurrence kept) and gets the user's relevant items added when missing,
   * so a relevant item listed again among the negatives is ranked once, as NCF's own code does.
   */
  public TestSet withCandidates(int[][] perUser) {
    if (perUser.length != users.length) {
      throw new IllegalArgumentException("candidate lists for " + perUser.length + " users, test set has " + users.length);
    }
    int[][] c = new int[users.length][];
    for (int t = 0; t < users.length; t++) {
      int[] merged = Arrays.copyOf(items[t], items[t].length + perUser[t].length);
      System.arraycopy(perUser[t], 0, merged, items[t].length, perUser[t].length);
      c[t] = Arrays.stream(merged).distinct().toArray();
    }
    return new TestSet(users, items, grades, c);
  }

  /** Number of test users. */
  public int size() {
    return users.length;
  }

  /** The user (row index) of the t-th test user. */
  public int user(int t) {
    return users[t];
  }

  /** Relevant item indices of the t-th test user, ascending (do not modify). */
  public int[] items(int t) {
    return items[t];
  }

  /** Grades of {@link #items(int)}, same order (do not modify). */
  public float[] grades(int t) {
    return grades[t];
  }

  /** True when candidate lists are given (sampled ranking). */
  public boolean sampled() {
    return candidates != null;
  }

  /** The t-th user's candidates, relevant items included, or null for full ranking. */
  public int[] candidates(int t) {
    return candidates == null ? null : candidates[t];
  }

  /** True when grades differ across relevant items, so graded NDCG says something binary NDCG does not. */
  public boolean graded() {
    Float first = null;
    for (float[] g : grades) {
      for (float v : g) {
        if (first == null) first = v;
        else if (v != first) return true;
      }
    }
    return false;
  }

  /** Total relevant (user, item) pairs. */
  public long pairs() {
    long n = 0;
    for (int[] i : items) n += i.length;
    return n;
  }
}
