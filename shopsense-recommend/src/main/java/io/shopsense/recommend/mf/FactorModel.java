package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A fitted factor model: {@code r̂_ij = U_i · V_j (+ b_j)} with flat row-major user and item factors.
 * Shared by implicit ALS, ALS-WR and BPR.
 *
 * <p>Scoring one user over n items is O(n f) and bound by memory bandwidth (a 100k x 64 model is
 * 25 MB), so it runs over a bfloat16 copy of the item factors (8 significant bits, half the bytes)
 * laid out in blocks of {@value #BLOCK} items, factor-major inside a block, so each item's sum stays
 * in a register (a SIMD lane) while the block streams by once. Scores are thus {@code U_i ·
 * bf16(V_j)}: each item factor is off by at most 2^-8 of its value, which moves a score by well
 * under 1% of the spread of scores; the float factors stay exact for training, fold-in and
 * {@link #itemFactors()}. Under memory contention this halved the time of a 100k-item scoring.
 *
 * <p>Models trained by implicit ALS also fold in users with new events ({@link #foldInUser}): one
 * f x f confidence-weighted least-squares solve against the fixed item factors, O(n_u f^2 + f^3).
 *
 * <p>Binary format (big-endian, {@link DataOutputStream}): magic {@code SSMF}, version, name, users,
 * items, factors, fold-in alpha and regularization (NaN when absent), a bias flag, then the user
 * factors, item factors and item biases as raw floats. Thread-safe for concurrent scoring.
 */
public final class FactorModel implements TrainedModel {
  static final int MAGIC = 0x53534D46; // "SSMF"
  static final int VERSION = 1;
  static final int BLOCK = 64; // 64 items x 64 factors x 2 bytes = 8 KB: a block stays in L1 while its strips run

  private final String name;
  private final int users;
  private final int items;
  private final int f;
  private final float[] userFactors;
  private final float[] itemFactors;
  private final float[] itemBias;
  private final float foldInAlpha;
  private final float foldInRegularization;
  private final short[] blocked;
  private volatile double[] itemGram;
  private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

  /**
   * Wraps factor arrays (not copied).
   *
   * @param userFactors users x f, row-major
   * @param itemFactors items x f, row-major
   * @param itemBias per-item bias added to every score, or null
   * @param foldInAlpha implicit-ALS confidence scale for {@link #foldInUser}, NaN when unsupported
   * @param foldInRegularization implicit-ALS ridge for {@link #foldInUser}, NaN when unsupported
   */
  public FactorModel(String name, int factors, float[] userFactors, float[] itemFactors, float[] itemBias,
      float foldInAlpha, float foldInRegularization) {
    if (factors < 1 || userFactors.length % factors != 0 || itemFactors.length % factors != 0) {
      throw new IllegalArgumentException("factor arrays are not multiples of factors = " + factors);
    }
    this.name = name;
    this.f = factors;
    this.users = userFactors.length / factors;
    this.items = itemFactors.length / factors;
    if (itemBias != null && itemBias.length != items) {
      throw new IllegalArgumentException("item bias length " + itemBias.length + " != items " + items);
    }
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.itemBias = itemBias;
    this.foldInAlpha = foldInAlpha;
    this.foldInRegularization = foldInRegularization;
    this.blocked = block(itemFactors, items, factors);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int numItems() {
    return items;
  }

  public int numUsers() {
    return users;
  }

  public int factors() {
    return f;
  }

  /** The live users x f row-major array (not a copy; change it only through {@link #eraseUser}). */
  public float[] userFactors() {
    return userFactors;
  }

  /** The live items x f row-major array (not a copy; do not modify). */
  public float[] itemFactors() {
    return itemFactors;
  }

  /** The per-item biases, or null when the model has none. */
  public float[] itemBias() {
    return itemBias;
  }

  /** Zeroes the user's factors (erasure): the user then scores like a shopper with no history. */
  public void eraseUser(int user) {
    checkUser(user);
    Arrays.fill(userFactors, user * f, (user + 1) * f, 0f);
  }

  @Override
  public void scoreUser(int user, float[] out) {
    checkUser(user);
    score(userFactors, user * f, out);
  }

  /** The top-k for a user, scoring into a per-thread buffer rather than a fresh array per call. */
  @Override
  public List<ScoredItem> recommend(int user, int k, IntPredicate filter) {
    float[] s = scratch.get();
    if (s.length != items) scratch.set(s = new float[items]);
    scoreUser(user, s);
    return TopK.select(s, k, filter);
  }

  /** Scores every item for a factor vector of length {@link #factors()} (e.g. from {@link #foldInUser}). */
  public void scoreVector(float[] u, float[] out) {
    if (u.length != f) throw new IllegalArgumentException("vector length " + u.length + " != factors " + f);
    score(u, 0, out);
  }

  private void score(float[] u, int uo, float[] out) {
    if (out.length < items) throw new IllegalArgumentException("output length " + out.length + " < items " + items);
    for (int j0 = 0; j0 < items; j0 += BLOCK) {
      int len = Math.min(BLOCK, items - j0);
      if (itemBias != null) System.arraycopy(itemBias, j0, out, j0, len);
      else Arrays.fill(out, j0, j0 + len, 0f);
      MfKernels.scoreBlock(u, uo, f, blocked, j0 * f, BLOCK, out, j0, len);
    }
  }

  /** True when this model can fold in new users (implicit ALS). */
  public boolean canFoldIn() {
    return !Float.isNaN(foldInAlpha);
  }

  @Override
  public boolean canScoreItemSet() {
    return canFoldIn();
  }

  /** Folds the items in as a new user and scores every item for it. */
  @Override
  public void scoreItemSet(int[] itemSet, float[] weights, float[] out) {
    scoreVector(foldInUser(itemSet, weights), out);
  }

  /**
   * The factors of a user with the given interactions, item factors held fixed: the exact solution
   * of the same confidence-weighted least squares ALS solves in training, {@code (VᵀV + λI + Σ α w_j
   * v_j v_jᵀ) u = Σ (1 + α w_j) v_j}. Serves users with new events without retraining.
   *
   * @param itemSet item indices (repeats are allowed; their weights add up)
   * @param weights interaction weights (same scale as the training matrix), or null for all 1
   * @throws UnsupportedOperationException when the model was not trained by implicit ALS
   */
  public float[] foldInUser(int[] itemSet, float[] weights) {
    if (!canFoldIn()) throw new UnsupportedOperationException(name + " models cannot fold in users");
    if (weights != null && weights.length != itemSet.length) {
      throw new IllegalArgumentException("weights length " + weights.length + " != items " + itemSet.length);
    }
    int[] idx = itemSet.clone();
    float[] w = new float[idx.length];
    for (int k = 0; k < idx.length; k++) {
      if (idx[k] < 0 || idx[k] >= items) throw new IllegalArgumentException("item index " + idx[k] + " out of range [0, " + items + ")");
      w[k] = weights == null ? 1f : weights[k];
      if (!(w[k] >= 0)) throw new IllegalArgumentException("weight " + w[k] + " of item " + idx[k] + " must be >= 0");
    }
    int n = mergeRepeats(idx, w);
    double[] a = gram().clone();
    double[] b = new double[f];
    for (int d = 0; d < f; d++) a[d * f + d] += foldInRegularization;
    for (int k = 0; k < n; k++) {
      int o = idx[k] * f;
      double c1 = (double) foldInAlpha * w[k];
      for (int p = 0; p < f; p++) {
        double vp = itemFactors[o + p];
        b[p] += (1 + c1) * vp;
        double s = c1 * vp;
        for (int q = 0; q <= p; q++) a[p * f + q] += s * itemFactors[o + q];
      }
    }
    if (!Cholesky.solve(a, f, b)) throw new IllegalStateException("fold-in system is not positive definite (regularization 0?)");
    float[] u = new float[f];
    for (int p = 0; p < f; p++) u[p] = (float) b[p];
    return u;
  }

  /** Sorts by item and sums the weights of repeats; returns the distinct count. */
  private static int mergeRepeats(int[] idx, float[] w) {
    long[] packed = new long[idx.length];
    for (int k = 0; k < idx.length; k++) packed[k] = ((long) idx[k] << 32) | k;
    Arrays.sort(packed);
    float[] ws = w.clone();
    int n = 0;
    for (long p : packed) {
      int item = (int) (p >>> 32);
      float wt = ws[(int) p];
      if (n > 0 && idx[n - 1] == item) {
        w[n - 1] += wt;
      } else {
        idx[n] = item;
        w[n++] = wt;
      }
    }
    return n;
  }

  private double[] gram() {
    double[] g = itemGram;
    if (g == null) itemGram = g = Gram.compute(itemFactors, items, f, null);
    return g;
  }

  private void checkUser(int user) {
    if (user < 0 || user >= users) throw new IllegalArgumentException("user index " + user + " out of range [0, " + users + ")");
  }

  /** Item factors as bfloat16 in blocks of BLOCK items, factor-major inside a block (the scoring layout). */
  private static short[] block(float[] v, int n, int f) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    short[] out = new short[Math.multiplyExact(blocks * BLOCK, f)];
    for (int j = 0; j < n; j++) {
      int base = (j / BLOCK) * BLOCK * f + (j % BLOCK);
      for (int k = 0; k < f; k++) out[base + k * BLOCK] = MfKernels.toBfloat16(v[j * f + k]);
    }
    return out;
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(name);
    out.writeInt(users);
    out.writeInt(items);
    out.writeInt(f);
    out.writeFloat(foldInAlpha);
    out.writeFloat(foldInRegularization);
    out.writeBoolean(itemBias != null);
    writeFloats(out, userFactors);
    writeFloats(out, itemFactors);
    if (itemBias != null) writeFloats(out, itemBias);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @param data the matrix the model was fitted on (its shape is checked), or null to skip the check
   * @param expectedName the algorithm name the caller expects
   * @throws IOException when the stream is not such a model or its shape does not match
   */
  public static FactorModel read(DataInputStream in, InteractionMatrix data, String expectedName) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) throw new IOException("not a factor model (bad magic " + Integer.toHexString(magic) + ")");
    int version = in.readInt();
    if (version != VERSION) throw new IOException("unsupported factor model version " + version + " (this build reads " + VERSION + ")");
    String name = in.readUTF();
    if (!name.equals(expectedName)) throw new IOException("model is '" + name + "', expected '" + expectedName + "'");
    int users = in.readInt();
    int items = in.readInt();
    int f = in.readInt();
    if (users < 0 || items < 0 || f < 1) throw new IOException("corrupt factor model header: " + users + " x " + items + " x " + f);
    if (data != null && (data.rows() != users || data.cols() != items)) {
      throw new IOException("model is " + users + " users x " + items + " items but the matrix is "
          + data.rows() + " x " + data.cols() + "; retrain on this matrix");
    }
    float alpha = in.readFloat();
    float reg = in.readFloat();
    boolean hasBias = in.readBoolean();
    float[] u = readFloats(in, Math.multiplyExact(users, f));
    float[] v = readFloats(in, Math.multiplyExact(items, f));
    float[] bias = hasBias ? readFloats(in, items) : null;
    return new FactorModel(name, f, u, v, bias, alpha, reg);
  }

  private static final int IO_CHUNK = 1 << 14; // floats per buffered write

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(IO_CHUNK, Math.max(1, a.length)));
    for (int s = 0; s < a.length; s += IO_CHUNK) {
      int n = Math.min(IO_CHUNK, a.length - s);
      buf.clear();
      buf.asFloatBuffer().put(a, s, n);
      out.write(buf.array(), 0, 4 * n);
    }
  }

  private static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] a = new float[count];
    byte[] bytes = new byte[4 * Math.min(IO_CHUNK, Math.max(1, count))];
    for (int s = 0; s < count; s += IO_CHUNK) {
      int n = Math.min(IO_CHUNK, count - s);
      in.readFully(bytes, 0, 4 * n);
      ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(a, s, n);
    }
    return a;
  }
}
