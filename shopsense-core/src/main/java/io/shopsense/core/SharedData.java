package io.shopsense.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the public evaluation datasets live (MovieLens, NCF, Amazon, DIGINETICA). They may not be
 * redistributed, so they are never copied into the repository: tests and benchmarks find them by
 * path and skip when absent. Order: system property {@code shopsense.shared.data}, environment
 * variable {@code SHOPSENSE_SHARED_DATA}, {@code ../shared/data} from the working directory and
 * its parents, then {@code /work/shared/data}.
 */
public final class SharedData {
  private SharedData() {}

  /** The data directory, when one exists. */
  public static Optional<Path> dir() {
    String p = System.getProperty("shopsense.shared.data");
    if (p == null) p = System.getenv("SHOPSENSE_SHARED_DATA");
    if (p != null) return Optional.of(Path.of(p)).filter(Files::isDirectory);
    Path d = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && d != null; i++, d = d.getParent()) {
      Path c = d.resolve("../shared/data").normalize();
      if (Files.isDirectory(c)) return Optional.of(c);
    }
    Path fixed = Path.of("/work/shared/data");
    return Files.isDirectory(fixed) ? Optional.of(fixed) : Optional.empty();
  }

  /** A file under the data directory, when it exists, e.g. {@code file("ncf/ml-1m.test.rating")}. */
  public static Optional<Path> file(String relative) {
    return dir().map(d -> d.resolve(relative)).filter(Files::exists);
  }
}
