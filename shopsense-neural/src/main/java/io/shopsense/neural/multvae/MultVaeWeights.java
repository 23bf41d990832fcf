package io.shopsense.neural.multvae;

import io.shopsense.recommend.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The weights serving needs from a trained {@link MultVae}: the encoder up to the mean of z (the
 * log-variance half of the encoder's last layer only matters for training) and the decoder. Every
 * matrix is row-major in the layout {@code input x output}, so a layer is a sum of rows scaled by the
 * inputs; in particular row i of {@code w1} is item i's contribution to the first hidden layer.
 *
 * @param items n, the number of items
 * @param hidden h
 * @param latent d
 * @param w1 n x h, first encoder layer
 * @param b1 h
 * @param wMu h x d, encoder layer to the mean of z
 * @param bMu d
 * @param w2 d x h, first decoder layer
 * @param b2 h
 * @param w3 h x n, decoder output layer (logits)
 * @param b3 n
 */
public record MultVaeWeights(int items, int hidden, int latent, float[] w1, float[] b1, float[] wMu, float[] bMu,
    float[] w2, float[] b2, float[] w3, float[] b3) {

  public MultVaeWeights {
    if (items < 0 || hidden < 1 || latent < 1) {
      throw new IllegalArgumentException("bad shape: " + items + " items, hidden " + hidden + ", latent " + latent);
    }
    check("w1", w1, (long) items * hidden);
    check("b1", b1, hidden);
    check("wMu", wMu, (long) hidden * latent);
    check("bMu", bMu, latent);
    check("w2", w2, (long) latent * hidden);
    check("b2", b2, hidden);
    check("w3", w3, (long) hidden * items);
    check("b3", b3, items);
  }

  private static void check(String name, float[] a, long expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException(name + " has " + (a == null ? "no" : a.length) + " values, expected " + expected);
    }
  }

  /** Writes the shape then the arrays (the caller writes the {@link ModelFormat} header). */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(hidden);
    out.writeInt(latent);
    for (float[] a : new float[][] {w1, b1, wMu, bMu, w2, b2, w3, b3}) ModelFormat.writeFloats(out, a);
  }

  /** Reads what {@link #write} wrote for {@code items} items. */
  static MultVaeWeights read(DataInputStream in, int items) throws IOException {
    int hidden = in.readInt();
    int latent = in.readInt();
    float[][] a = new float[8][];
    for (int k = 0; k < a.length; k++) a[k] = ModelFormat.readFloats(in);
    try {
      return new MultVaeWeights(items, hidden, latent, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt multvae model: " + e.getMessage(), e);
    }
  }
}
