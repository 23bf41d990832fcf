package io.shopsense.recommend.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways to hold out test interactions from one log. Every protocol first merges repeated (user,
 * item) rows into one pair (see {@link InteractionLog#pairs()}), so a test item never also sits in
 * the training data; ranking then excludes each user's training items. A user with a single pair
 * stays entirely in training. Seeded protocols give the same split for the same log and seed.
 */
public final class Protocols {
  private Protocols() {}

  /**
   * Random holdout: each user with at least two pairs gives max(1, round(fraction * n)) random
   * pairs to the test set, keeping at least one for training.
   */
  public static Split holdout(InteractionLog log, double fraction, long seed) {
    checkFraction(fraction);
    InteractionLog p = log.pairs();
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean[] test = new boolean[p.size()];
    forEachUser(p, (u, rows) -> {
      int n = rows.length;
      if (n < 2) return;
      shuffle(rows, rnd);
      int nt = testCount(n, fraction);
      for (int j = 0; j < nt; j++) test[rows[j]] = true;
    });
    return split(p, test, String.format("holdout(fraction %s, seed %d)", fraction, seed));
  }

  /**
   * Temporal split per user: each user's latest max(1, round(fraction * n)) pairs (by time, later
   * input first among equal times) are held out.
   */
  public static Split temporalPerUser(InteractionLog log, double fraction) {
    checkFraction(fraction);
    InteractionLog p = log.pairs();
    boolean[] test = new boolean[p.size()];
    forEachUser(p, (u, rows) -> {
      int n = rows.length;
      if (n < 2) return;
      sortByTime(p, rows);
      int nt = testCount(n, fraction);
      for (int j = n - nt; j < n; j++) test[rows[j]] = true;
    });
    return split(p, test, String.format("temporal(per user, fraction %s)", fraction));
  }

  /**
   * Temporal split with one global cutoff: the latest round(fraction * N) pairs overall are held
   * out (equal times ordered by position in the log). Test users without training pairs cannot be
   * ranked and are dropped; the name reports how many.
   */
  public static Split temporalGlobal(InteractionLog log, double fraction) {
    checkFraction(fraction);
    InteractionLog p = log.pairs();
    int n = p.size();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    sortByTime(p, rows);
    int nt = (int) Math.round(fraction * n);
    boolean[] test = new boolean[n];
    for (int j = n - nt; j < n; j++) test[rows[j]] = true;
    long cutoff = nt == 0 ? Long.MAX_VALUE : p.time(rows[n - nt]);
    // a user with nothing before the cutoff has no training row to rank from: drop the user
    boolean[] hasTrain = new boolean[p.users().size()];
    for (int r = 0; r < n; r++) if (!test[r]) hasTrain[p.user(r)] = true;
    boolean[] keep = new boolean[n];
    boolean[] droppedUser = new boolean[p.users().size()];
    int dropped = 0;
    for (int r = 0; r < n; r++) {
      int u = p.user(r);
      keep[r] = hasTrain[u];
      if (!hasTrain[u] && !droppedUser[u]) {
        droppedUser[u] = true;
        dropped++;
      }
    }
    boolean[] trainRow = new boolean[n];
    boolean[] testRow = new boolean[n];
    for (int r = 0; r < n; r++) {
      trainRow[r] = keep[r] && !test[r];
      testRow[r] = keep[r] && test[r];
    }
    return new Split(String.format("temporal(global, fraction %s, cutoff %d, %d test-only users dropped)",
        fraction, cutoff, dropped), p.select(indices(trainRow, true)), TestSet.of(p.select(indices(testRow, true))));
  }

  /** Leave-one-out: each user's latest pair (later input first among equal times) is held out. */
  public static Split leaveOneOut(InteractionLog log) {
    InteractionLog p = log.pairs();
    boolean[] test = new boolean[p.size()];
    forEachUser(p, (u, rows) -> {
      if (rows.length < 2) return;
      sortByTime(p, rows);
      test[rows[rows.length - 1]] = true;
    });
    return split(p, test, "leave-one-out(latest)");
  }

  /**
   * Leave-one-out with a random pair per user, for logs without usable times (the NCF training
   * file has none): the validation split used to tune on NCF data.
   */
  public static Split leaveOneOutRandom(InteractionLog log, long seed) {
    InteractionLog p = log.pairs();
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean[] test = new boolean[p.size()];
    forEachUser(p, (u, rows) -> {
      if (rows.length < 2) return;
      test[rows[rnd.nextInt(rows.length)]] = true;
    });
    return split(p, test, "leave-one-out(random, seed " + seed + ")");
  }

  /**
   * Per-user k-fold: each user's pairs are shuffled and dealt round-robin into the folds from a
   * random starting fold; split f holds out fold f. Users with fewer pairs than folds are absent
   * from some test folds; users with one pair are never held out.
   */
  public static List<Split> kFold(InteractionLog log, int folds, long seed) {
    if (folds < 2) throw new IllegalArgumentException("folds must be at least 2, got " + folds);
    InteractionLog p = log.pairs();
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] fold = new int[p.size()];
    forEachUser(p, (u, rows) -> {
      if (rows.length < 2) {
        fold[rows[0]] = -1; // a single pair stays in training, as in the other protocols
        return;
      }
      shuffle(rows, rnd);
      int offset = rnd.nextInt(folds);
      for (int j = 0; j < rows.length; j++) fold[rows[j]] = (j + offset) % folds;
    });
    List<Split> out = new ArrayList<>(folds);
    for (int f = 0; f < folds; f++) {
      boolean[] test = new boolean[p.size()];
      for (int r = 0; r < p.size(); r++) test[r] = fold[r] == f;
      out.add(split(p, test, String.format("kfold(%d of %d, seed %d)", f + 1, folds, seed)));
    }
    return out;
  }

  /**
   * Gives every test user {@code count} sampled negatives: items drawn uniformly without
   * replacement among those the user has no pair with in train or test (as NCF sampled its
   * files). Turns a full-ranking split into a sampled one.
   */
  public static Split withSampledNegatives(Split split, int count, long seed) {
    if (count < 1) throw new IllegalArgumentException("negative count must be at least 1, got " + count);
    InteractionLog train = split.train();
    int ni = train.items().size();
    int[] start = train.userStarts();
    int[] rows = train.rowsGroupedByUser();
    SplittableRandom rnd = new SplittableRandom(seed);
    TestSet t = split.test();
    int[][] cand = new int[t.size()][];
    boolean[] taken = new boolean[ni];
    for (int i = 0; i < t.size(); i++) {
      int u = t.user(i);
      List<Integer> marked = new ArrayList<>();
      for (int j = start[u]; j < start[u + 1]; j++) mark(taken, train.item(rows[j]), marked);
      for (int it : t.items(i)) mark(taken, it, marked);
      int free = ni - marked.size();
      if (free < count) {
        throw new IllegalArgumentException("user " + train.users().id(u) + " has only " + free
            + " items left to sample " + count + " negatives from");
      }
      int[] neg = new int[count];
      for (int c = 0; c < count; c++) {
        int it;
        do it = rnd.nextInt(ni); while (taken[it] && free > count * 4);
        if (taken[it]) it = nthFree(taken, rnd.nextInt(free));
        neg[c] = it;
        mark(taken, it, marked);
        free--;
      }
      cand[i] = neg;
      for (int it : marked) taken[it] = false;
    }
    return new Split(split.name() + " + " + count + " sampled negatives (seed " + seed + ")", train,
        t.withCandidates(cand));
  }

  private static void mark(boolean[] taken, int item, List<Integer> marked) {
    if (!taken[item]) {
      taken[item] = true;
      marked.add(item);
    }
  }

  private static int nthFree(boolean[] taken, int n) {
    for (int i = 0; i < taken.length; i++) if (!taken[i] && n-- == 0) return i;
    throw new IllegalStateException("no free item");
  }

  private interface UserRows {
    void accept(int user, int[] rows);
  }

  private static void forEachUser(InteractionLog p, UserRows f) {
    int[] start = p.userStarts();
    int[] rows = p.rowsGroupedByUser();
    for (int u = 0; u < p.users().size(); u++) {
      if (start[u + 1] > start[u]) f.accept(u, Arrays.copyOfRange(rows, start[u], start[u + 1]));
    }
  }

  private static Split split(InteractionLog p, boolean[] test, String name) {
    return new Split(name, p.select(indices(test, false)), TestSet.of(p.select(indices(test, true))));
  }

  private static int[] indices(boolean[] flags, boolean value) {
    int c = 0;
    for (boolean b : flags) if (b == value) c++;
    int[] out = new int[c];
    int w = 0;
    for (int i = 0; i < flags.length; i++) if (flags[i] == value) out[w++] = i;
    return out;
  }

  /** Sorts row indices by time, ties by row index (later input last). */
  private static void sortByTime(InteractionLog p, int[] rows) {
    Integer[] boxed = Arrays.stream(rows).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> p.time(a) != p.time(b) ? Long.compare(p.time(a), p.time(b)) : Integer.compare(a, b));
    for (int i = 0; i < rows.length; i++) rows[i] = boxed[i];
  }

  private static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int testCount(int n, double fraction) {
    return Math.min(n - 1, Math.max(1, (int) Math.round(fraction * n)));
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) throw new IllegalArgumentException("test fraction must be in (0, 1), got " + f);
  }
}
