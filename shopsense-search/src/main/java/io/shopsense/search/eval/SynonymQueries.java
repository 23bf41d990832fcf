package io.shopsense.search.eval;

import io.shopsense.core.model.Item;
import io.shopsense.search.analysis.ShopAnalyzer;
import io.shopsense.search.rank.QueryKey;
import io.shopsense.search.rank.RankingGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queries are synonym queries: their words are in none of the titles the shoppers wanted, so
 * lexical matching cannot find them. Read from a generator's {@code queries.jsonl} ({@code kind}
 * {@code synonym}), or detected from the held-out searches.
 */
public final class SynonymQueries {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private SynonymQueries() {}

  /** The normalised synonym queries of a {@code queries.jsonl}. */
  public static Set<String> read(Path queriesJsonl) {
    Set<String> out = new HashSet<>();
    try {
      int line = 0;
      for (String l : Files.readAllLines(queriesJsonl)) {
        line++;
        if (l.isBlank()) continue;
        var n = JSON.readTree(l);
        if (n == null || !n.hasNonNull("query")) {
          throw new IllegalArgumentException(queriesJsonl + " line " + line + ": expected a JSON object with \"query\"");
        }
        if ("synonym".equals(n.path("kind").asText())) out.add(QueryKey.of(n.get("query").asText()));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(queriesJsonl + ": not JSON Lines (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + queriesJsonl + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Queries none of whose analysed terms occurs in the analysed title of any item the searching
   * shopper clicked, carted or bought.
   */
  public static Set<String> detect(List<RankingGroups.Group> groups, List<Item> items) {
    Map<String, String> titles = new HashMap<>();
    for (Item it : items) titles.put(it.id(), it.title());
    Set<String> out = new HashSet<>();
    Set<String> lexical = new HashSet<>();
    try (ShopAnalyzer a = new ShopAnalyzer()) {
      for (RankingGroups.Group g : groups) {
        String q = QueryKey.of(g.session().query());
        if (lexical.contains(q)) continue;
        Set<String> terms = new HashSet<>(a.terms(g.session().query()));
        boolean any = false;
        for (String item : g.session().labels().keySet()) {
          String t = titles.get(item);
          if (t == null) continue;
          for (String w : a.terms(t)) any |= terms.contains(w);
        }
        if (any) {
          lexical.add(q);
          out.remove(q);
        } else {
          out.add(q);
        }
      }
    }
    return out;
  }
}
