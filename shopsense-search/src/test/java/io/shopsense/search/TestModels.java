package io.shopsense.search;

import io.shopsense.search.embed.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedder for the whole test JVM: the models load once. Native libraries go to
 * {@code target/native} (kept between runs); the vector cache is fresh per JVM so tests can count
 * what was really embedded.
 */
public final class TestModels {
  private static Embedder embedder;

  private TestModels() {}

  public static synchronized Embedder embedder() {
    if (embedder == null) {
      try {
        Path target = Path.of("target").toAbsolutePath();
        Path cacheDir = Files.createDirectories(target.resolve("tmp"));
        Path cache = Files.createTempDirectory(cacheDir, "embed-cache").resolve("embeddings.db");
        embedder = Embedder.open(target.resolve("native"), cache, new Embedder.Settings(0, 16, 128, 100));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return embedder;
  }
}
