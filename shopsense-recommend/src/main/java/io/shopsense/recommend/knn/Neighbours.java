package io.shopsense.recommend.knn;

import io.shopsense.recommend.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparse neighbour lists in CSR form: for each row, its neighbours' indices and similarities,
 * most similar first (ties by lower index). 8 bytes per kept neighbour. Immutable.
 */
public final class Neighbours {
  private final int cols;
  private final int[] ptr;
  private final int[] idx;
  private final float[] sim;

  /** Wraps the arrays (not copied). */
  public Neighbours(int cols, int[] ptr, int[] idx, float[] sim) {
    if (idx.length != sim.length || ptr[ptr.length - 1] != idx.length) {
      throw new IllegalArgumentException("neighbour arrays disagree on length");
    }
    this.cols = cols;
    this.ptr = ptr;
    this.idx = idx;
    this.sim = sim;
  }

  public int rows() {
    return ptr.length - 1;
  }

  /** Size of the index space the neighbours come from. */
  public int cols() {
    return cols;
  }

  /** Total neighbours kept. */
  public int size() {
    return idx.length;
  }

  public int start(int r) {
    return ptr[r];
  }

  public int end(int r) {
    return ptr[r + 1];
  }

  /** The shared index array (do not modify). */
  public int[] indices() {
    return idx;
  }

  /** The shared similarity array (do not modify). */
  public float[] similarities() {
    return sim;
  }

  /** The row's neighbours, most similar first. */
  public List<Neighbour> of(int r) {
    List<Neighbour> out = new ArrayList<>(ptr[r + 1] - ptr[r]);
    for (int p = ptr[r]; p < ptr[r + 1]; p++) out.add(new Neighbour(idx[p], sim[p]));
    return out;
  }

  /**
   * The reverse lists: row c of the result holds every (r, sim) with c among r's neighbours, r
   * ascending. Used to score by scattering from what a user touched. O(size).
   */
  public Neighbours reverse() {
    int[] rp = new int[cols + 1];
    for (int c : idx) rp[c + 1]++;
    for (int c = 0; c < cols; c++) rp[c + 1] += rp[c];
    int[] fill = java.util.Arrays.copyOf(rp, cols);
    int[] ri = new int[idx.length];
    float[] rs = new float[idx.length];
    for (int r = 0; r < rows(); r++) {
      for (int p = ptr[r]; p < ptr[r + 1]; p++) {
        int q = fill[idx[p]]++;
        ri[q] = r;
        rs[q] = sim[p];
      }
    }
    return new Neighbours(rows(), rp, ri, rs);
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(cols);
    ModelFormat.writeInts(out, ptr);
    ModelFormat.writeInts(out, idx);
    ModelFormat.writeFloats(out, sim);
  }

  /** Reads what {@link #write} wrote, checking the structure so a corrupt file fails here. */
  public static Neighbours read(DataInputStream in) throws IOException {
    int cols = in.readInt();
    int[] ptr = ModelFormat.readInts(in);
    int[] idx = ModelFormat.readInts(in);
    float[] sim = ModelFormat.readFloats(in);
    if (cols < 0 || ptr.length == 0 || ptr[0] != 0 || ptr[ptr.length - 1] != idx.length || idx.length != sim.length) {
      throw new IOException("corrupt neighbour lists");
    }
    for (int r = 0; r + 1 < ptr.length; r++) if (ptr[r] > ptr[r + 1]) throw new IOException("corrupt neighbour lists");
    for (int c : idx) if (c < 0 || c >= cols) throw new IOException("corrupt neighbour lists: index " + c);
    return new Neighbours(cols, ptr, idx, sim);
  }
}
