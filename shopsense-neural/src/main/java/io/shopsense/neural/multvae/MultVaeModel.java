package io.shopsense.neural.multvae;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A trained {@link MultVae}, served in plain Java: a user's scores are the decoder's logits at the
 * encoder's mean, {@code f_dec(μ(x))}, with no sampling and no dropout, where x is the user's current
 * 0/1 item row, L2-normalised. The row is read from the matrix at every call (and
 * {@link #scoreItemSet} takes any set of items), so new interactions change the scores without
 * retraining: the encoder is amortised inference.
 *
 * <p>Cost per user, n items, hidden h, latent d, |x| items in the row: O(|x| h + 2 h d + h n), about
 * 2.5 M multiply-adds for ML-1M (n = 3,706, h = 600, d = 200). The loops are hand-written because
 * that is a few milliseconds of plain Java per user, where a PyTorch call would cost a native
 * round trip per request and tie serving to a 445 MB native library; every layer is an axpy over
 * contiguous rows, which the JIT vectorises. The softmax is left out: it does not change the order.
 * Thread-safe.
 *
 * <p>Binary format: the {@link ModelFormat} header ({@code multvae}, version, items), then
 * {@link MultVaeWeights#write}.
 */
public final class MultVaeModel implements TrainedModel {
  static final int VERSION = 1;
  private final MultVaeWeights w;
  private final InteractionMatrix data;

  /**
   * @param weights the exported network
   * @param data the matrix whose rows are the users (its item count must match)
   */
  public MultVaeModel(MultVaeWeights weights, InteractionMatrix data) {
    if (data.cols() != weights.items()) {
      throw new IllegalArgumentException("weights cover " + weights.items() + " items but the matrix has " + data.cols());
    }
    this.w = weights;
    this.data = data;
  }

  @Override
  public String name() {
    return MultVae.NAME;
  }

  @Override
  public int numItems() {
    return w.items();
  }

  /** The exported weights (live arrays; do not modify). */
  public MultVaeWeights weights() {
    return w;
  }

  /** A user outside the matrix scores like a user with no items (the decoder at an empty row). */
  @Override
  public void scoreUser(int user, float[] out) {
    if (user < 0 || user >= data.rows()) {
      score(new int[0], 0, out);
      return;
    }
    int from = data.rowStart(user), to = data.rowEnd(user);
    int[] items = Arrays.copyOfRange(data.colIndex(), from, to);
    float[] vals = data.values();
    int n = 0;
    for (int p = from; p < to; p++) if (vals[p] > 0) items[n++] = data.colIndex()[p];
    score(items, n, out);
  }

  @Override
  public boolean canScoreItemSet() {
    return true;
  }

  /**
   * {@inheritDoc} The model reads interactions as 0/1: an item counts once however often it is
   * listed, and items with weight 0 (or out of range) are skipped; other weights are ignored.
   */
  @Override
  public void scoreItemSet(int[] items, float[] weights, float[] out) {
    TrainedModel.checkItemSet(items, weights);
    int[] set = new int[items.length];
    int n = 0;
    for (int t = 0; t < items.length; t++) {
      if (items[t] >= 0 && items[t] < w.items() && (weights == null || weights[t] > 0)) set[n++] = items[t];
    }
    Arrays.sort(set, 0, n);
    int d = 0;
    for (int t = 0; t < n; t++) if (d == 0 || set[d - 1] != set[t]) set[d++] = set[t];
    score(set, d, out);
  }

  /** The forward pass at the encoder's mean for the distinct items {@code items[0..n)}. */
  private void score(int[] items, int n, float[] out) {
    int h = w.hidden(), d = w.latent(), m = w.items();
    if (out.length < m) throw new IllegalArgumentException("output length " + out.length + " < items " + m);
    // layer 1, sparse: x is 1/sqrt(n) on the user's items, so x·W1 is a scaled sum of their rows
    float[] h1 = w.b1().clone();
    if (n > 0) {
      float s = (float) (1 / Math.sqrt(n));
      float[] w1 = w.w1();
      for (int t = 0; t < n; t++) axpy(s, w1, items[t] * h, h1, h);
    }
    tanh(h1);
    float[] mu = w.bMu().clone();
    float[] wMu = w.wMu();
    for (int k = 0; k < h; k++) axpy(h1[k], wMu, k * d, mu, d);
    float[] h2 = w.b2().clone();
    float[] w2 = w.w2();
    for (int l = 0; l < d; l++) axpy(mu[l], w2, l * h, h2, h);
    tanh(h2);
    System.arraycopy(w.b3(), 0, out, 0, m);
    float[] w3 = w.w3();
    for (int k = 0; k < h; k++) axpy(h2[k], w3, (long) k * m, out, m);
  }

  /** y[0..len) += a * x[off..off+len). */
  private static void axpy(float a, float[] x, long off, float[] y, int len) {
    int o = Math.toIntExact(off);
    for (int i = 0; i < len; i++) y[i] += a * x[o + i];
  }

  private static void tanh(float[] v) {
    for (int i = 0; i < v.length; i++) v[i] = (float) Math.tanh(v[i]);
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ModelFormat.writeHeader(out, MultVae.NAME, VERSION, w.items());
    w.write(out);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @param data the matrix the model serves (its item count is checked)
   */
  public static MultVaeModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    ModelFormat.readHeader(in, MultVae.NAME, VERSION, data);
    return new MultVaeModel(MultVaeWeights.read(in, data.cols()), data);
  }
}
