package io.shopsense.search.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Vectors already computed, keyed by model and a SHA-256 digest of the exact text embedded, in a
 * SQLite file (WAL). Re-indexing an item whose text did not change reads its vector back instead of
 * running the model. Thread-safe (one connection, synchronized). Lookups are O(log n) each.
 */
public final class EmbeddingCache implements AutoCloseable {
  private static final int LOOKUP_CHUNK = 500;
  private final Connection conn;
  private final Path file;

  /** Opens (creating when missing) the cache file. */
  public EmbeddingCache(Path file) {
    this.file = file;
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        st.execute("CREATE TABLE IF NOT EXISTS embedding (model TEXT NOT NULL, digest TEXT NOT NULL, "
            + "vector BLOB NOT NULL, PRIMARY KEY (model, digest)) WITHOUT ROWID");
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot open embedding cache " + file + ": " + e.getMessage(), e);
    }
  }

  /** The cache key of a text: hex SHA-256 of its UTF-8 bytes. */
  public static String digest(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The cached vectors among these digests, keyed by digest. */
  public synchronized Map<String, float[]> getAll(EmbeddingModel model, List<String> digests) {
    Map<String, float[]> out = new HashMap<>();
    try {
      for (int from = 0; from < digests.size(); from += LOOKUP_CHUNK) {
        List<String> part = digests.subList(from, Math.min(digests.size(), from + LOOKUP_CHUNK));
        String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement(
            "SELECT digest, vector FROM embedding WHERE model = ? AND digest IN (" + marks + ")")) {
          ps.setString(1, model.cacheKey());
          for (int i = 0; i < part.size(); i++) ps.setString(i + 2, part.get(i));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              float[] v = decode(rs.getBytes(2));
              if (v.length == model.dim()) out.put(rs.getString(1), v);
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("embedding cache " + file + " read failed: " + e.getMessage(), e);
    }
  }

  /** Stores vectors by digest in one transaction. */
  public synchronized void putAll(EmbeddingModel model, Map<String, float[]> vectors) {
    if (vectors.isEmpty()) return;
    try {
      conn.setAutoCommit(false);
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT OR REPLACE INTO embedding (model, digest, vector) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          ps.setString(1, model.cacheKey());
          ps.setString(2, e.getKey());
          ps.setBytes(3, encode(e.getValue()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      conn.commit();
    } catch (SQLException e) {
      try {
        conn.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw new IllegalStateException("embedding cache " + file + " write failed: " + e.getMessage(), e);
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException e) {
        throw new IllegalStateException("embedding cache " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** How many vectors the cache holds. */
  public synchronized long size() {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM embedding")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("embedding cache " + file + ": " + e.getMessage(), e);
    }
  }

  static byte[] encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] decode(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close embedding cache " + file + ": " + e.getMessage(), e);
    }
  }
}
