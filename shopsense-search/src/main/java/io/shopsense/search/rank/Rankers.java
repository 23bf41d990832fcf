package io.shopsense.search.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Saving and loading rankers as text (the first line names the kind). */
public final class Rankers {
  private Rankers() {}

  /** Reads a ranker written by {@link Ranker#save()}. */
  public static Ranker load(String text) {
    if (text.startsWith(LinearRanker.HEADER)) return LinearRanker.load(text);
    if (text.startsWith(LtrRanker.HEADER)) return LtrRanker.load(text);
    String first = text.lines().findFirst().orElse("");
    throw new IllegalArgumentException("not a saved ranker (first line '" + first + "')");
  }

  /** Reads a ranker file. */
  public static Ranker load(Path file) {
    try {
      return load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ranker " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a ranker file atomically (a temporary file renamed over the target). */
  public static void save(Ranker ranker, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
      Files.writeString(tmp, ranker.save(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ranker " + file + ": " + e.getMessage(), e);
    }
  }

  /** Checks a saved {@code features a,b,c} line against this version's features. */
  static void checkFeatures(String line) {
    String expected = "features " + String.join(",", Feature.names());
    if (!line.equals(expected)) {
      throw new IllegalArgumentException("saved ranker was trained on other features; retrain it (saved: '" + line + "')");
    }
  }
}
