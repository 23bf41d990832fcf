package io.shopsense.engine.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a snapshot: what it is, how it was made and how well it did, and the
 * SHA-256 of every other file in the directory (checked on load, so a damaged snapshot is refused).
 *
 * @param version snapshot number, also the directory name
 * @param created epoch ms when training finished
 * @param newestEvent time of the newest training event (the data's "now")
 * @param algorithms fitted models, in blending order
 * @param metrics holdout metrics per algorithm ({@code hr@10}, {@code ndcg@10}, {@code users})
 * @param config the configuration it was trained with
 * @param events events read
 * @param users matrix rows
 * @param items matrix columns
 * @param files file name to lower-case hex SHA-256
 * @param searchRanker the search re-ranker serving with this snapshot ({@code lambdamart} or
 *     {@code linear}), null when the snapshot has none (written before search ranker training)
 * @param searchReport what serves for search and why, in words (held-out figures in {@code metrics})
 */
public record Manifest(long version, long created, long newestEvent, List<String> algorithms,
    Map<String, Map<String, Double>> metrics, Map<String, String> config, long events, int users, int items,
    Map<String, String> files, String searchRanker, String searchReport) {

  static final String FILE = "manifest.json";
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public Manifest {
    algorithms = List.copyOf(algorithms);
  }

  Manifest withFiles(Map<String, String> f) {
    return new Manifest(version, created, newestEvent, algorithms, metrics, config, events, users, items, f, searchRanker,
        searchReport);
  }

  Manifest withVersion(long v) {
    return new Manifest(v, created, newestEvent, algorithms, metrics, config, events, users, items, files, searchRanker,
        searchReport);
  }

  void write(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), this);
  }

  static Manifest read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("no " + FILE);
    try {
      return MAPPER.readValue(file.toFile(), Manifest.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("unreadable " + FILE + ": " + e.getOriginalMessage(), e);
    }
  }
}
