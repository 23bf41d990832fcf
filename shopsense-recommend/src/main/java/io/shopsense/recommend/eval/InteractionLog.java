package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Arrays;

/**
 * (user, item, value, time) rows in columns, over shared user and item indexes: what protocols
 * split. A training log and its test log share the same {@link IdIndex} objects, so the training
 * matrix has a row for every user and a column for every item (some maybe empty) and test items
 * are column indices of that matrix. Immutable once built.
 */
public final class InteractionLog {
  private final IdIndex users;
  private final IdIndex items;
  private final int[] user;
  private final int[] item;
  private final float[] value;
  private final long[] time;

  private InteractionLog(IdIndex users, IdIndex items, int[] user, int[] item, float[] value, long[] time) {
    this.users = users;
    this.items = items;
    this.user = user;
    this.item = item;
    this.value = value;
    this.time = time;
  }

  /**
   * The entries of a matrix (built over its own indexes, e.g. by {@code MatrixBuilder}) as rows of
   * a log over the given indexes; ids new to them are added. Times are 0.
   */
  public static InteractionLog fromMatrix(InteractionMatrix m, IdIndex users, IdIndex items) {
    Builder b = new Builder(users, items);
    int[] colMap = new int[m.cols()];
    for (int c = 0; c < m.cols(); c++) colMap[c] = items.add(m.colIds().id(c));
    int[] cols = m.colIndex();
    float[] vals = m.values();
    for (int r = 0; r < m.rows(); r++) {
      int u = users.add(m.rowIds().id(r));
      for (int p = m.rowStart(r); p < m.rowEnd(r); p++) b.add(u, colMap[cols[p]], vals[p], 0L);
    }
    return b.build();
  }

  /** A builder over existing indexes (ids new to them are added). */
  public static Builder builder(IdIndex users, IdIndex items) {
    return new Builder(users, items);
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  public int size() {
    return user.length;
  }

  public int user(int row) {
    return user[row];
  }

  public int item(int row) {
    return item[row];
  }

  public float value(int row) {
    return value[row];
  }

  public long time(int row) {
    return time[row];
  }

  /**
   * One row per (user, item): values summed, the latest time kept. Rows come grouped by user (in
   * user index order), and within a user in the order of each pair's last occurrence, so "later in
   * the input" survives as the tie-breaker for equal times. O(n + users + items).
   */
  public InteractionLog pairs() {
    int[] byUser = rowsGroupedByUser();
    int n = size();
    int[] lastPos = new int[items.size()];
    Arrays.fill(lastPos, -1);
    int[] slot = new int[items.size()];
    int[] ou = new int[n];
    int[] oi = new int[n];
    float[] ov = new float[n];
    long[] ot = new long[n];
    int w = 0;
    int p = 0;
    while (p < n) {
      int u = user[byUser[p]];
      int start = w;
      int q = p;
      for (; q < n && user[byUser[q]] == u; q++) {
        int r = byUser[q];
        int it = item[r];
        if (lastPos[it] < 0) {
          slot[it] = w;
          ou[w] = u;
          oi[w] = it;
          ov[w] = value[r];
          ot[w] = time[r];
          w++;
        } else {
          int s = slot[it];
          ov[s] += value[r];
          ot[s] = Math.max(ot[s], time[r]);
        }
        lastPos[it] = r;
      }
      // order this user's pairs by their last occurrence, then reset the scratch arrays
      int len = w - start;
      long[] key = new long[len];
      for (int j = 0; j < len; j++) key[j] = ((long) lastPos[oi[start + j]] << 32) | j;
      Arrays.sort(key);
      int[] tu = Arrays.copyOfRange(oi, start, w);
      float[] tv = Arrays.copyOfRange(ov, start, w);
      long[] tt = Arrays.copyOfRange(ot, start, w);
      for (int j = 0; j < len; j++) {
        int from = (int) key[j];
        oi[start + j] = tu[from];
        ov[start + j] = tv[from];
        ot[start + j] = tt[from];
      }
      for (int j = start; j < w; j++) lastPos[oi[j]] = -1;
      p = q;
    }
    return new InteractionLog(users, items, Arrays.copyOf(ou, w), Arrays.copyOf(oi, w), Arrays.copyOf(ov, w),
        Arrays.copyOf(ot, w));
  }

  /** Row indices grouped by user (users ascending), input order kept within a user. O(n). */
  public int[] rowsGroupedByUser() {
    int[] start = userStarts();
    int[] fill = Arrays.copyOf(start, users.size());
    int[] out = new int[size()];
    for (int r = 0; r < size(); r++) out[fill[user[r]]++] = r;
    return out;
  }

  /** Offsets into {@link #rowsGroupedByUser()}: user u's rows are [starts[u], starts[u+1]). */
  public int[] userStarts() {
    int[] start = new int[users.size() + 1];
    for (int u : user) start[u + 1]++;
    for (int i = 0; i < users.size(); i++) start[i + 1] += start[i];
    return start;
  }

  /** The rows whose indices are given, in that order. */
  public InteractionLog select(int[] rows) {
    int[] su = new int[rows.length];
    int[] si = new int[rows.length];
    float[] sv = new float[rows.length];
    long[] st = new long[rows.length];
    for (int j = 0; j < rows.length; j++) {
      int r = rows[j];
      su[j] = user[r];
      si[j] = item[r];
      sv[j] = value[r];
      st[j] = time[r];
    }
    return new InteractionLog(users, items, su, si, sv, st);
  }

  /** The same rows with every value set to v (e.g. 1: ratings read as implicit feedback). */
  public InteractionLog withValue(float v) {
    float[] w = new float[size()];
    Arrays.fill(w, v);
    return new InteractionLog(users, items, user, item, w, time);
  }

  /** This log followed by another over the same indexes. */
  public InteractionLog concat(InteractionLog other) {
    if (other.users != users || other.items != items) throw new IllegalArgumentException("logs use different indexes");
    return new InteractionLog(users, items, cat(user, other.user), cat(item, other.item), cat(value, other.value),
        cat(time, other.time));
  }

  /**
   * The users x items matrix over all users and items of the indexes; duplicate pairs are summed.
   *
   * @param binary every present pair weighs 1 (ratings as implicit feedback)
   */
  public InteractionMatrix toMatrix(boolean binary) {
    float[] v = value;
    if (binary) {
      InteractionMatrix m = InteractionMatrix.fromTriples(users, items, user, item, new float[size()], size());
      float[] w = m.values();
      Arrays.fill(w, 1f); // after merging duplicates every stored pair is present exactly once
      return m;
    }
    return InteractionMatrix.fromTriples(users, items, user, item, v, size());
  }

  private static int[] cat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static float[] cat(float[] a, float[] b) {
    float[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static long[] cat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** Accumulates rows; ids are interned in the shared indexes. */
  public static final class Builder {
    private final IdIndex users;
    private final IdIndex items;
    private int[] user = new int[1024];
    private int[] item = new int[1024];
    private float[] value = new float[1024];
    private long[] time = new long[1024];
    private int n;

    private Builder(IdIndex users, IdIndex items) {
      this.users = users;
      this.items = items;
    }

    public Builder add(String u, String i, float v, long t) {
      return add(users.add(u), items.add(i), v, t);
    }

    public Builder add(int u, int i, float v, long t) {
      if (n == user.length) {
        int c = n * 2;
        user = Arrays.copyOf(user, c);
        item = Arrays.copyOf(item, c);
        value = Arrays.copyOf(value, c);
        time = Arrays.copyOf(time, c);
      }
      user[n] = u;
      item[n] = i;
      value[n] = v;
      time[n] = t;
      n++;
      return this;
    }

    public int size() {
      return n;
    }

    public InteractionLog build() {
      return new InteractionLog(users, items, Arrays.copyOf(user, n), Arrays.copyOf(item, n), Arrays.copyOf(value, n),
          Arrays.copyOf(time, n));
    }
  }
}
