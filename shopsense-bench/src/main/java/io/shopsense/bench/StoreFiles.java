package io.shopsense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.model.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reads the two files of a generated store the search benchmark needs: {@code items.jsonl} and the
 * logged queries of {@code queries.jsonl}. A minimal reader for the benchmark only; the importer
 * is the validating one.
 */
final class StoreFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreFiles() {}

  static List<Item> items(Path file) throws IOException {
    List<Item> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode n = JSON.readTree(line);
        Map<String, String> attrs = new LinkedHashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null) a.properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        JsonNode created = n.get("created");
        long t = created == null ? 0 : created.isNumber() ? created.asLong() : Instant.parse(created.asText()).toEpochMilli();
        out.add(new Item(n.get("id").asText(), text(n, "title"), text(n, "description"), text(n, "category"),
            text(n, "brand"), text(n, "shop"), n.get("price").asDouble(), n.path("in_stock").asBoolean(true), attrs, t));
      }
    }
    return out;
  }

  /**
   * {@code n} queries drawn (seeded, with replacement) in proportion to how often the generated
   * shoppers searched them, so the mix follows the logged traffic.
   */
  static List<String> queries(Path file, int n, long seed) throws IOException {
    List<String> texts = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    long total = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode q = JSON.readTree(line);
        long w = Math.max(1, q.path("searches").asLong(1));
        texts.add(q.get("query").asText());
        weights.add(w);
        total += w;
      }
    }
    if (texts.isEmpty()) throw new IllegalArgumentException(file + " holds no queries");
    long[] cum = new long[texts.size()];
    long acc = 0;
    for (int i = 0; i < cum.length; i++) cum[i] = acc += weights.get(i);
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long x = (long) (rnd.nextDouble() * total);
      int k = java.util.Arrays.binarySearch(cum, x + 1);
      out.add(texts.get(k >= 0 ? k : -k - 1));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
