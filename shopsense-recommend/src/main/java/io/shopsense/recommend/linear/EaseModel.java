package io.shopsense.recommend.linear;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fitted {@link Ease}: the dense item-item weights B (row-major floats), and whether users are
 * read as 0/1 rows. Thread-safe.
 */
public final class EaseModel implements TrainedModel {
  private static final int VERSION = 1;
  private final float[] b;
  private final int n;
  private final InteractionMatrix data;
  private final boolean binary;

  EaseModel(float[] b, InteractionMatrix data, boolean binary) {
    this.n = data.cols();
    if (b.length != (long) n * n) throw new IllegalArgumentException("weights are not " + n + " x " + n);
    this.b = b;
    this.data = data;
    this.binary = binary;
  }

  /** The same sparsity pattern with every weight 1 (shares the structure arrays). */
  static InteractionMatrix ones(InteractionMatrix m) {
    float[] v = new float[m.nnz()];
    Arrays.fill(v, 1f);
    return new InteractionMatrix(m.rowIds(), m.colIds(), m.rowPointers(), m.colIndex(), v);
  }

  @Override
  public String name() {
    return Ease.NAME;
  }

  @Override
  public int numItems() {
    return n;
  }

  /** B_ij: how much item i predicts item j. */
  public float weight(int i, int j) {
    return b[i * n + j];
  }

  @Override
  public void scoreUser(int user, float[] out) {
    Arrays.fill(out, 0, n, 0f);
    if (user < 0 || user >= data.rows()) return;
    int[] cols = data.colIndex();
    float[] vals = data.values();
    for (int p = data.rowStart(user); p < data.rowEnd(user); p++) addRow(cols[p], binary ? 1f : vals[p], out);
  }

  @Override
  public boolean canScoreItemSet() {
    return true;
  }

  /** {@inheritDoc} Null weights (or a binary model) count every item once; out-of-range items are skipped. */
  @Override
  public void scoreItemSet(int[] items, float[] weights, float[] out) {
    TrainedModel.checkItemSet(items, weights);
    Arrays.fill(out, 0, n, 0f);
    for (int t = 0; t < items.length; t++) {
      if (items[t] >= 0 && items[t] < n) addRow(items[t], weights == null || binary ? 1f : weights[t], out);
    }
  }

  private void addRow(int i, float w, float[] out) {
    int off = i * n;
    for (int j = 0; j < n; j++) out[j] += w * b[off + j];
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ModelFormat.writeHeader(out, Ease.NAME, VERSION, n);
    out.writeBoolean(binary);
    ModelFormat.writeFloats(out, b);
  }

  static EaseModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    ModelFormat.readHeader(in, Ease.NAME, VERSION, data);
    boolean binary = in.readBoolean();
    float[] b = ModelFormat.readFloats(in);
    if (b.length != (long) data.cols() * data.cols()) throw new IOException("corrupt ease model: " + b.length + " weights");
    return new EaseModel(b, data, binary);
  }
}
