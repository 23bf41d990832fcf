package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.TrainedModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk form of a {@link ModelSnapshot}, one directory:
 * <ul>
 *   <li>{@code users.bin}, {@code items.bin}: the id indexes (count, then each id as modified UTF-8);
 *   <li>{@code matrix.bin}: the CSR arrays of the training matrix;
 *   <li>{@code model-<name>.bin}: each model's own {@code write} output;
 *   <li>{@code stats.bin}: the {@link ItemStats};
 *   <li>{@code search-ranker.txt}, {@code search-stats.bin}: the search re-ranker ({@link SearchModel});
 *   <li>{@code manifest.json}: the {@link Manifest} with the SHA-256 of every file above.
 * </ul>
 * Reading verifies every checksum before parsing anything, so a truncated or altered file is refused
 * with the file's name.
 */
public final class SnapshotFiles {
  static final String USERS = "users.bin";
  static final String ITEMS = "items.bin";
  static final String MATRIX = "matrix.bin";
  static final String STATS = "stats.bin";

  private SnapshotFiles() {}

  /** Writes every file and the manifest into {@code dir} (created), returning the manifest written. */
  public static Manifest write(ModelSnapshot s, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> sums = new TreeMap<>();
    sums.put(USERS, writeFile(dir.resolve(USERS), out -> writeIds(out, s.matrix().rowIds())));
    sums.put(ITEMS, writeFile(dir.resolve(ITEMS), out -> writeIds(out, s.matrix().colIds())));
    sums.put(MATRIX, writeFile(dir.resolve(MATRIX), out -> {
      ModelFormat.writeInts(out, s.matrix().rowPointers());
      ModelFormat.writeInts(out, s.matrix().colIndex());
      ModelFormat.writeFloats(out, s.matrix().values());
    }));
    for (var e : s.models().entrySet()) {
      String f = modelFile(e.getKey());
      sums.put(f, writeFile(dir.resolve(f), e.getValue()::write));
    }
    sums.put(STATS, writeFile(dir.resolve(STATS), s.stats()::write));
    if (s.search() != null) {
      sums.put(SearchModel.RANKER_FILE, writeFile(dir.resolve(SearchModel.RANKER_FILE), s.search()::writeRanker));
      sums.put(SearchModel.STATS_FILE, writeFile(dir.resolve(SearchModel.STATS_FILE), s.search()::writeStats));
    }
    Manifest m = s.manifest().withFiles(sums);
    Path tmp = dir.resolve(Manifest.FILE + ".tmp");
    m.write(tmp);
    Files.move(tmp, dir.resolve(Manifest.FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return m;
  }

  static String modelFile(String algorithm) {
    return "model-" + algorithm + ".bin";
  }

  /**
   * Reads and verifies a snapshot directory.
   *
   * @throws IOException naming the file when a checksum does not match or a file cannot be parsed
   */
  public static ModelSnapshot read(Path dir, Config config) throws IOException {
    Manifest m = Manifest.read(dir.resolve(Manifest.FILE));
    if (m.files() == null || !m.files().containsKey(MATRIX)) throw new IOException(Manifest.FILE + " lists no files");
    for (var e : m.files().entrySet()) {
      Path f = dir.resolve(e.getKey());
      if (!Files.isRegularFile(f)) throw new IOException("missing file " + e.getKey());
      String got = sha256(f);
      if (!got.equals(e.getValue())) {
        throw new IOException("checksum mismatch in " + e.getKey() + " (expected " + e.getValue() + ", found " + got + ")");
      }
    }
    IdIndex users = readFile(dir.resolve(USERS), SnapshotFiles::readIds);
    IdIndex items = readFile(dir.resolve(ITEMS), SnapshotFiles::readIds);
    InteractionMatrix matrix = readFile(dir.resolve(MATRIX), in -> {
      int[] ptr = ModelFormat.readInts(in);
      int[] cols = ModelFormat.readInts(in);
      float[] vals = ModelFormat.readFloats(in);
      try {
        return new InteractionMatrix(users, items, ptr, cols, vals);
      } catch (IllegalArgumentException e) {
        throw new IOException("corrupt " + MATRIX + ": " + e.getMessage(), e);
      }
    });
    Map<String, TrainedModel> models = new LinkedHashMap<>();
    for (String a : m.algorithms()) {
      String f = modelFile(a);
      if (!m.files().containsKey(f)) throw new IOException(Manifest.FILE + " lists algorithm " + a + " but not " + f);
      models.put(a, readFile(dir.resolve(f), in -> Recommenders.create(a, config).read(in, matrix)));
    }
    ItemStats stats = readFile(dir.resolve(STATS), in -> ItemStats.read(in, matrix.cols()));
    SearchModel search = null;
    if (m.files().containsKey(SearchModel.RANKER_FILE) != m.files().containsKey(SearchModel.STATS_FILE)) {
      throw new IOException(Manifest.FILE + " lists only one of " + SearchModel.RANKER_FILE + " and " + SearchModel.STATS_FILE);
    }
    if (m.files().containsKey(SearchModel.RANKER_FILE)) {
      io.shopsense.search.rank.Ranker r = readFile(dir.resolve(SearchModel.RANKER_FILE), SearchModel::readRanker);
      search = readFile(dir.resolve(SearchModel.STATS_FILE), in -> SearchModel.readStats(r, in));
    }
    return new ModelSnapshot(m, matrix, models, stats, search);
  }

  /** Lower-case hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @FunctionalInterface
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  /** Writes through a digest; returns the file's SHA-256. */
  private static String writeFile(Path file, Writer w) throws IOException {
    MessageDigest md = digest();
    try (OutputStream fos = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            new java.security.DigestOutputStream(fos, md), 1 << 16))) {
      w.write(out);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static <T> T readFile(Path file, Reader<T> r) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      T t = r.read(in);
      if (in.read() != -1) throw new IOException("trailing bytes in " + file.getFileName());
      return t;
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static void writeIds(DataOutputStream out, IdIndex ids) throws IOException {
    out.writeInt(ids.size());
    for (int i = 0; i < ids.size(); i++) out.writeUTF(ids.id(i));
  }

  private static IdIndex readIds(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative id count");
    IdIndex idx = new IdIndex(Math.max(4, n));
    for (int i = 0; i < n; i++) {
      if (idx.add(in.readUTF()) != i) throw new IOException("duplicate id at " + i);
    }
    return idx;
  }
}
