package io.shopsense.server.demo;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import io.shopsense.core.io.ImportReport;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.io.Importer;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first two steps of the demo, each skipped when a previous start finished it: generate the
 * synthetic store as JSONL under {@code <data>/generated/}, then import it into the SQLite store
 * {@code <data>/shopsense.db}. A step is finished when its marker file names the same generator
 * spec; the marker is written last, so an interrupted step runs again from scratch on the next start.
 */
public final class DemoStore {
  /** Where the generated JSONL files go. */
  public static final String GENERATED_DIR = "generated";
  static final String GENERATED_MARKER = "demo-generated.txt";
  static final String IMPORTED_MARKER = "demo-imported.txt";

  private final Path data;
  private final GeneratorSpec spec;

  public DemoStore(Path data, GeneratorSpec spec) {
    this.data = data;
    this.spec = spec;
  }

  /** The generated files' directory. */
  public Path generatedDir() {
    return data.resolve(GENERATED_DIR);
  }

  /** The URL of the demo's store (always SQLite in the data directory, whatever {@code store.url} says). */
  public String storeUrl() {
    return "sqlite:" + data.resolve(Stores.SQLITE_FILE);
  }

  /** One line naming the spec; a marker holds it. */
  String specLine() {
    return String.format(Locale.ROOT, "users=%d items=%d events=%d seed=%d", spec.users(), spec.items(), spec.events(),
        spec.seed());
  }

  /**
   * Checks that the data directory holds nothing, or a demo of this same spec.
   *
   * @throws IllegalArgumentException naming both specs when the directory was made for another
   */
  public void checkCompatible() {
    for (Path marker : List.of(generatedDir().resolve(GENERATED_MARKER), data.resolve(IMPORTED_MARKER))) {
      Optional<String> other = read(marker);
      if (other.isPresent() && !other.get().equals(specLine())) {
        throw new IllegalArgumentException(data + " holds a demo store of another size (" + other.get()
            + "; this start asks for " + specLine() + "): pass the matching --size or another --data directory");
      }
    }
  }

  /** True when the JSONL files of this spec are complete. */
  public boolean generated() {
    return read(generatedDir().resolve(GENERATED_MARKER)).map(specLine()::equals).orElse(false);
  }

  /** True when the store holds this spec's import. */
  public boolean imported() {
    return read(data.resolve(IMPORTED_MARKER)).map(specLine()::equals).orElse(false)
        && Files.isRegularFile(data.resolve(Stores.SQLITE_FILE));
  }

  /** Generates the JSONL files, reporting 0-100%. */
  public GeneratorSummary generate(StepTimer t) {
    try {
      Files.deleteIfExists(generatedDir().resolve(GENERATED_MARKER));
      GeneratorSummary s = new DataGenerator(spec).generate(generatedDir(), t::percent);
      write(generatedDir().resolve(GENERATED_MARKER), specLine());
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo store to " + generatedDir(), e);
    }
  }

  /**
   * Imports the generated files into a fresh SQLite store (a half-written one from an interrupted
   * start is deleted first) and returns the per-file reports.
   */
  public List<ImportReport> importGenerated(StepTimer t) {
    try {
      Files.deleteIfExists(data.resolve(IMPORTED_MARKER));
      for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
        Files.deleteIfExists(data.resolve(Stores.SQLITE_FILE + suffix));
      }
      List<ImportSource> sources = new ArrayList<>();
      for (Kind k : Kind.values()) sources.add(ImportSource.jsonl(k, generatedDir().resolve(k.defaultFileName())));
      List<ImportReport> reports;
      try (Store store = Stores.open(storeUrl())) {
        reports = new Importer(store).progress(t::note).importAll(sources);
      }
      write(data.resolve(IMPORTED_MARKER), specLine());
      return reports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the store in " + data, e);
    }
  }

  private static Optional<String> read(Path marker) {
    try {
      return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + marker, e);
    }
  }

  private static void write(Path marker, String text) throws IOException {
    Files.createDirectories(marker.getParent());
    Files.writeString(marker, text + "\n", StandardCharsets.UTF_8);
  }
}
