package io.shopsense.engine.snapshot;

import io.shopsense.recommend.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Sparse weighted links between dense indices in CSR form (for each row, its targets best first),
 * with three numbers per link: for co-purchase associations {@code confidence}, {@code lift} and
 * {@code support}. 16 bytes per link. Immutable.
 */
public final class Links {
  private final int[] ptr;
  private final int[] target;
  private final float[] confidence;
  private final float[] lift;
  private final float[] support;

  public Links(int[] ptr, int[] target, float[] confidence, float[] lift, float[] support) {
    if (target.length != confidence.length || target.length != lift.length || target.length != support.length
        || ptr[ptr.length - 1] != target.length) {
      throw new IllegalArgumentException("link arrays disagree on length");
    }
    this.ptr = ptr;
    this.target = target;
    this.confidence = confidence;
    this.lift = lift;
    this.support = support;
  }

  /** No links for {@code rows} rows. */
  public static Links empty(int rows) {
    return new Links(new int[rows + 1], new int[0], new float[0], new float[0], new float[0]);
  }

  public int rows() {
    return ptr.length - 1;
  }

  public int size() {
    return target.length;
  }

  public int start(int row) {
    return row < 0 || row >= rows() ? 0 : ptr[row];
  }

  public int end(int row) {
    return row < 0 || row >= rows() ? 0 : ptr[row + 1];
  }

  public int target(int p) {
    return target[p];
  }

  public float confidence(int p) {
    return confidence[p];
  }

  public float lift(int p) {
    return lift[p];
  }

  public float support(int p) {
    return support[p];
  }

  void write(DataOutputStream out) throws IOException {
    ModelFormat.writeInts(out, ptr);
    ModelFormat.writeInts(out, target);
    ModelFormat.writeFloats(out, confidence);
    ModelFormat.writeFloats(out, lift);
    ModelFormat.writeFloats(out, support);
  }

  static Links read(DataInputStream in, int rows) throws IOException {
    int[] p = ModelFormat.readInts(in);
    int[] t = ModelFormat.readInts(in);
    float[] c = ModelFormat.readFloats(in);
    float[] l = ModelFormat.readFloats(in);
    float[] s = ModelFormat.readFloats(in);
    if (p.length != rows + 1 || p[0] != 0 || p[rows] != t.length || c.length != t.length || l.length != t.length
        || s.length != t.length) {
      throw new IOException("corrupt link lists");
    }
    for (int x : t) if (x < 0 || x >= rows) throw new IOException("corrupt link lists: target " + x);
    return new Links(p, t, c, l, s);
  }
}
