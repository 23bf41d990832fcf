package io.shopsense.recommend;

import io.shopsense.core.matrix.InteractionMatrix;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Shared pieces of the binary model formats: a header (algorithm name, format version, item count)
 * checked on read so a model is never silently applied to the wrong data, and bulk array writers
 * (a {@link DataOutputStream} writes one element per call, which is slow for millions of floats).
 * All numbers are big-endian, as {@link DataOutputStream} writes them.
 */
public final class ModelFormat {
  private static final int MAGIC = 0x53534d31; // "SSM1"
  private static final int CHUNK = 1 << 16;

  private ModelFormat() {}

  /** Writes the header. */
  public static void writeHeader(DataOutputStream out, String name, int version, int numItems) throws IOException {
    out.writeInt(MAGIC);
    out.writeUTF(name);
    out.writeInt(version);
    out.writeInt(numItems);
  }

  /**
   * Reads and checks a header.
   *
   * @return the format version
   * @throws IOException when the name, version or item count does not match
   */
  public static int readHeader(DataInputStream in, String name, int maxVersion, InteractionMatrix data) throws IOException {
    if (in.readInt() != MAGIC) throw new IOException("not a ShopSense model (bad magic number)");
    String got = in.readUTF();
    if (!got.equals(name)) throw new IOException("model is '" + got + "', expected '" + name + "'");
    int version = in.readInt();
    if (version < 1 || version > maxVersion) {
      throw new IOException(name + " model format version " + version + " is not supported (at most " + maxVersion + ")");
    }
    int items = in.readInt();
    if (data != null && items != data.cols()) {
      throw new IOException(name + " model has " + items + " items but the matrix has " + data.cols());
    }
    return version;
  }

  /** Writes the length then the values. */
  public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(a.length, CHUNK));
    for (int off = 0; off < a.length; off += CHUNK) {
      int n = Math.min(CHUNK, a.length - off);
      buf.clear();
      buf.asFloatBuffer().put(a, off, n);
      out.write(buf.array(), 0, 4 * n);
    }
  }

  /** Reads what {@link #writeFloats} wrote. */
  public static float[] readFloats(DataInputStream in) throws IOException {
    int len = readLength(in);
    float[] a = new float[len];
    byte[] b = new byte[4 * Math.min(len, CHUNK)];
    for (int off = 0; off < len; off += CHUNK) {
      int n = Math.min(CHUNK, len - off);
      in.readFully(b, 0, 4 * n);
      ByteBuffer.wrap(b, 0, 4 * n).asFloatBuffer().get(a, off, n);
    }
    return a;
  }

  /** Writes the length then the values. */
  public static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(a.length, CHUNK));
    for (int off = 0; off < a.length; off += CHUNK) {
      int n = Math.min(CHUNK, a.length - off);
      buf.clear();
      buf.asIntBuffer().put(a, off, n);
      out.write(buf.array(), 0, 4 * n);
    }
  }

  /** Reads what {@link #writeInts} wrote. */
  public static int[] readInts(DataInputStream in) throws IOException {
    int len = readLength(in);
    int[] a = new int[len];
    byte[] b = new byte[4 * Math.min(len, CHUNK)];
    for (int off = 0; off < len; off += CHUNK) {
      int n = Math.min(CHUNK, len - off);
      in.readFully(b, 0, 4 * n);
      ByteBuffer.wrap(b, 0, 4 * n).asIntBuffer().get(a, off, n);
    }
    return a;
  }

  private static int readLength(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0) throw new IOException("corrupt model: negative array length " + len);
    return len;
  }
}
