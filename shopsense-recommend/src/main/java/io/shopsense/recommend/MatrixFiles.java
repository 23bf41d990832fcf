package io.shopsense.recommend;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An interaction matrix as three files in a directory, the layout of an engine snapshot
 * ({@code io.shopsense.engine.snapshot.SnapshotFiles}): {@code users.bin} and {@code items.bin} (a
 * count, then each id in modified UTF-8) and {@code matrix.bin} (the CSR row pointers, column
 * indexes and values as {@link ModelFormat} arrays). A training job in another JVM (Spark) reads the
 * matrix the engine or a benchmark wrote, and writes its model's id indexes the same way, so the
 * model's rows can be matched to any other matrix by id.
 */
public final class MatrixFiles {
  public static final String USERS = "users.bin";
  public static final String ITEMS = "items.bin";
  public static final String MATRIX = "matrix.bin";

  private MatrixFiles() {}

  /** Writes the three files into {@code dir} (created). */
  public static void write(InteractionMatrix m, Path dir) throws IOException {
    writeIds(m, dir);
    try (DataOutputStream out = open(dir.resolve(MATRIX))) {
      ModelFormat.writeInts(out, m.rowPointers());
      ModelFormat.writeInts(out, m.colIndex());
      ModelFormat.writeFloats(out, m.values());
    }
  }

  /** Writes only {@code users.bin} and {@code items.bin} (the row and column ids of a model). */
  public static void writeIds(InteractionMatrix m, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out = open(dir.resolve(USERS))) {
      writeIds(out, m.rowIds());
    }
    try (DataOutputStream out = open(dir.resolve(ITEMS))) {
      writeIds(out, m.colIds());
    }
  }

  /** Reads a matrix written by {@link #write} (or an engine snapshot directory). */
  public static InteractionMatrix read(Path dir) throws IOException {
    IdIndex users = readIds(dir.resolve(USERS));
    IdIndex items = readIds(dir.resolve(ITEMS));
    try (DataInputStream in = input(dir.resolve(MATRIX))) {
      int[] ptr = ModelFormat.readInts(in);
      int[] cols = ModelFormat.readInts(in);
      float[] vals = ModelFormat.readFloats(in);
      return new InteractionMatrix(users, items, ptr, cols, vals);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt " + dir.resolve(MATRIX) + ": " + e.getMessage(), e);
    }
  }

  /** Reads one id file ({@code users.bin} or {@code items.bin}). */
  public static IdIndex readIds(Path file) throws IOException {
    try (DataInputStream in = input(file)) {
      int n = in.readInt();
      if (n < 0) throw new IOException(file + ": negative id count");
      IdIndex idx = new IdIndex(Math.max(4, n));
      for (int i = 0; i < n; i++) {
        if (idx.add(in.readUTF()) != i) throw new IOException(file + ": duplicate id at " + i);
      }
      return idx;
    }
  }

  private static void writeIds(DataOutputStream out, IdIndex ids) throws IOException {
    out.writeInt(ids.size());
    for (int i = 0; i < ids.size(); i++) out.writeUTF(ids.id(i));
  }

  private static DataOutputStream open(Path f) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16));
  }

  private static DataInputStream input(Path f) throws IOException {
    if (!Files.isRegularFile(f)) throw new IOException("missing " + f);
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
  }
}
