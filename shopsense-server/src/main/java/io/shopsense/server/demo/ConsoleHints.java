package io.shopsense.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the console offers to pick from on a demo store: a handful of shoppers with different tastes
 * (from the generator's {@code truth.jsonl}, so the console can say what each one likes) and the
 * most searched queries in English and Chinese (from {@code queries.jsonl}).
 *
 * @param shoppers shoppers to search as, most active first, with distinct favourite categories
 * @param queries example queries, English and Chinese interleaved
 */
public record ConsoleHints(List<Shopper> shoppers, List<String> queries) {
  /** A shopper and, in words, the hidden tastes the generator gave them. */
  public record Shopper(String id, String tastes, String language) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** No hints (a store the generator did not make). */
  public static ConsoleHints none() {
    return new ConsoleHints(List.of(), List.of());
  }

  /**
   * Reads the hints from a generator output directory; files that are missing give empty lists.
   *
   * @param maxShoppers how many shoppers to offer
   * @param maxQueries how many queries to offer
   */
  public static ConsoleHints read(Path generatedDir, int maxShoppers, int maxQueries) {
    return new ConsoleHints(shoppers(generatedDir.resolve("truth.jsonl"), maxShoppers),
        queries(generatedDir.resolve("queries.jsonl"), maxQueries));
  }

  private static List<Shopper> shoppers(Path truth, int max) {
    List<JsonNode> all = lines(truth);
    all.sort(Comparator.comparingDouble((JsonNode n) -> -n.path("activity").asDouble()));
    // one shopper per favourite category, Chinese-speaking shoppers interleaved, so two picks differ visibly
    List<Shopper> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String lang : List.of("zh", "en", "")) {
      int quota = lang.isEmpty() ? max : max / 3;
      int taken = 0;
      for (JsonNode n : all) {
        if (out.size() >= max || taken >= quota) break;
        if (!lang.isEmpty() && !lang.equals(n.path("language").asText())) continue;
        String top = n.path("categories").path(0).path("category").asText();
        if (top.isEmpty() || !seen.add(top)) continue;
        out.add(new Shopper(n.path("user").asText(), describe(n), n.path("language").asText()));
        taken++;
      }
    }
    out.sort(Comparator.comparing(Shopper::id));
    return out;
  }

  private static String describe(JsonNode n) {
    List<String> cats = new ArrayList<>();
    for (JsonNode c : n.path("categories")) {
      if (cats.size() < 2) cats.add(c.path("category").asText().replace('>', '/'));
    }
    List<String> brands = new ArrayList<>();
    for (JsonNode b : n.path("brands")) {
      if (brands.size() < 2) brands.add(b.asText());
    }
    return String.format(Locale.ROOT, "%s; %s; %s", String.join(", ", cats), String.join(", ", brands),
        n.path("price_band").asText());
  }

  private static List<String> queries(Path file, int max) {
    List<JsonNode> all = lines(file);
    all.sort(Comparator.comparingLong((JsonNode n) -> -n.path("searches").asLong()));
    List<String> en = new ArrayList<>();
    List<String> zh = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode n : all) {
      String q = n.path("query").asText();
      if (q.isEmpty() || !seen.add(q)) continue;
      ("zh".equals(n.path("language").asText()) ? zh : en).add(q);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < max && (i < en.size() || i < zh.size()); i++) {
      if (i < en.size()) out.add(en.get(i));
      if (i < zh.size() && out.size() < max) out.add(zh.get(i));
    }
    return out;
  }

  private static List<JsonNode> lines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) return out;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) out.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
