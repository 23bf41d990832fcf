package io.shopsense.engine.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shopsense.engine.api.Experiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiments and their tallies in one small JSON file ({@code <data>/experiments.json}), replaced
 * atomically (write a temporary file, then rename) so a crash leaves the old or the new version,
 * never half of one. Both store backends share it because it lives in the data directory.
 */
final class ExperimentFile {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The file's content. */
  record Content(int version, List<Experiment> experiments, Map<String, Map<String, Counts>> tallies) {
    Content {
      experiments = experiments == null ? List.of() : List.copyOf(experiments);
      tallies = tallies == null ? Map.of() : tallies;
    }
  }

  /** One tally as stored. */
  record Counts(long impressions, long clicked, long converted, double revenue, double revenueSquares) {
    static Counts of(Tally t) {
      return new Counts(t.impressions, t.clicked, t.converted, t.revenue, t.revenueSquares);
    }

    Tally toTally() {
      Tally t = new Tally();
      t.impressions = impressions;
      t.clicked = clicked;
      t.converted = converted;
      t.revenue = revenue;
      t.revenueSquares = revenueSquares;
      return t;
    }
  }

  private final Path file;

  ExperimentFile(Path file) {
    this.file = file;
  }

  /** The saved content, or an empty one when the file does not exist. */
  Content load() {
    if (!Files.isRegularFile(file)) return new Content(1, List.of(), new LinkedHashMap<>());
    try {
      return JSON.readValue(file.toFile(), Content.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the experiments file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the file atomically. */
  void save(Content c) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), c);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the experiments file " + file + ": " + e.getMessage(), e);
    }
  }
}
