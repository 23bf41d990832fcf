package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * f x f confidence-weighted least-squares solve against the fixed item factors, O(n_u f^2 + f^3),
 * with the model's unobserved item weights when it has them ({@code als.unobserved_exponent}).
 *
 * <p>Binary format (big-endian, {@link DataOutputStream}): the {@link ModelFormat} header (name,
 * version, items), users, factors, fold-in alpha and regularization (NaN when absent), a bias flag, then the user
 * factors, item factors and item biases as {@link ModelFormat} float arrays; version 2 (written only
 * for a model with unobserved item weights, so other models keep the version-1 bytes) appends the
 * weights as one more float array. Thread-safe for concurrent scoring.
 */
public final class FactorModel implements TrainedModel {
  static final int VERSION = 2;
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
  private final float[] unobservedWeights;
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
    this(name, factors, userFactors, itemFactors, itemBias, foldInAlpha, foldInRegularization, null);
  }

  /**
   * As above, with implicit ALS's per-item weights of unobserved pairs ({@link ImplicitAls},
   * {@code als.unobserved_exponent}) for {@link #foldInUser}, or null for the uniform weight 1.
   */
  public FactorModel(String name, int factors, float[] userFactors, float[] itemFactors, float[] itemBias,
      float foldInAlpha, float foldInRegularization, float[] unobservedWeights) {
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
    if (unobservedWeights != null && unobservedWeights.length != items) {
      throw new IllegalArgumentException("unobserved weights length " + unobservedWeights.length + " != items " + items);
    }
    this.unobservedWeights = unobservedWeights;
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

  /**
   * A user outside the trained range (unknown to this model) scores like an erased one: the item
   * biases when the model has them, else 0 everywhere.
   */
  @Override
  public void scoreUser(int user, float[] out) {
    if (user < 0 || user >= users) {
      if (itemBias != null) System.arraycopy(itemBias, 0, out, 0, items);
      else Arrays.fill(out, 0, items, 0f);
      return;
    }
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

  /**
   * {@link #scoreUser(int, float[])} for the given items only, O(|items| f) instead of O(all items f):
   * {@code out[i]} for each listed item i, bit-identical to the full scoring; other entries are left as they are.
   */
  public void scoreUser(int user, int[] items, float[] out) {
    if (user < 0 || user >= users) {
      for (int j : items) out[checkItem(j)] = itemBias != null ? itemBias[j] : 0f;
      return;
    }
    score(userFactors, user * f, items, out);
  }

  /** {@link #scoreVector(float[], float[])} for the given items only (see {@link #scoreUser(int, int[], float[])}). */
  public void scoreVector(float[] u, int[] items, float[] out) {
    if (u.length != f) throw new IllegalArgumentException("vector length " + u.length + " != factors " + f);
    score(u, 0, items, out);
  }

  private void score(float[] u, int uo, int[] cols, float[] out) {
    for (int j : cols) {
      int j0 = checkItem(j) / BLOCK * BLOCK;
      float init = itemBias != null ? itemBias[j] : 0f;
      out[j] = MfKernels.scoreOne(u, uo, f, blocked, j0 * f, BLOCK, init, j - j0, Math.min(BLOCK, items - j0));
    }
  }

  private int checkItem(int j) {
    if (j < 0 || j >= items) throw new IllegalArgumentException("item index " + j + " out of range [0, " + items + ")");
    return j;
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

  /** The implicit-ALS confidence scale used by {@link #foldInUser}, NaN when the model cannot fold in. */
  public float foldInAlpha() {
    return foldInAlpha;
  }

  /** The implicit-ALS ridge used by {@link #foldInUser}, NaN when the model cannot fold in. */
  public float foldInRegularization() {
    return foldInRegularization;
  }

  /** The per-item weights of unobserved pairs used by {@link #foldInUser}, or null for 1 everywhere (live array). */
  public float[] unobservedWeights() {
    return unobservedWeights;
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
   * v_j v_jᵀ) u = Σ (1 + α w_j) v_j}; with unobserved item weights s, {@code (VᵀSV + λI + Σ α w_j
   * v_j v_jᵀ) u = Σ (s_j + α w_j) v_j}. Serves users with new events without retraining.
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
      double c0 = unobservedWeights == null ? 1 : unobservedWeights[idx[k]];
      for (int p = 0; p < f; p++) {
        double vp = itemFactors[o + p];
        b[p] += (c0 + c1) * vp;
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

  /**
   * Computes now what {@link #foldInUser} computes on its first call (the item Gram matrix VᵀV,
   * O(items f²)), so that no request pays for it; a no-op for models that cannot fold in.
   */
  public void prepareFoldIn() {
    if (canFoldIn()) gram();
  }

  private double[] gram() {
    double[] g = itemGram;
    if (g == null) itemGram = g = Gram.compute(itemFactors, unobservedWeights, items, f, null);
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
    ModelFormat.writeHeader(out, name, unobservedWeights == null ? 1 : VERSION, items);
    out.writeInt(users);
    out.writeInt(f);
    out.writeFloat(foldInAlpha);
    out.writeFloat(foldInRegularization);
    out.writeBoolean(itemBias != null);
    ModelFormat.writeFloats(out, userFactors);
    ModelFormat.writeFloats(out, itemFactors);
    if (itemBias != null) ModelFormat.writeFloats(out, itemBias);
    if (unobservedWeights != null) ModelFormat.writeFloats(out, unobservedWeights);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @param data the matrix the model was fitted on (its shape is checked), or null to skip the check
   * @param expectedName the algorithm name the caller expects
   * @throws IOException when the stream is not such a model or its shape does not match
   */
  public static FactorModel read(DataInputStream in, InteractionMatrix data, String expectedName) throws IOException {
    int version = ModelFormat.readHeader(in, expectedName, VERSION, data);
    int users = in.readInt();
    int f = in.readInt();
    if (users < 0 || f < 1) throw new IOException("corrupt " + expectedName + " model header: " + users + " users x " + f + " factors");
    if (data != null && data.rows() != users) {
      throw new IOException(expectedName + " model has " + users + " users but the matrix has " + data.rows() + "; retrain on this matrix");
    }
    float alpha = in.readFloat();
    float reg = in.readFloat();
    boolean hasBias = in.readBoolean();
    float[] u = ModelFormat.readFloats(in);
    float[] v = ModelFormat.readFloats(in);
    float[] bias = hasBias ? ModelFormat.readFloats(in) : null;
    float[] weights = version >= 2 ? ModelFormat.readFloats(in) : null;
    if (u.length != Math.multiplyExact(users, f) || v.length % f != 0 || (bias != null && bias.length != v.length / f)) {
      throw new IOException("corrupt " + expectedName + " model: factor arrays do not match " + users + " users x " + f + " factors");
    }
    if (weights != null && weights.length != v.length / f) {
      throw new IOException("corrupt " + expectedName + " model: " + weights.length + " unobserved weights for " + v.length / f + " items");
    }
    return new FactorModel(expectedName, f, u, v, bias, alpha, reg, weights);
  }
}
