package io.shopsense.server.cli;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.store.Store;
import io.shopsense.recommend.eval.EvaluationReport;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.embed.Embedder;
import io.shopsense.search.eval.SearchEvaluation;
import io.shopsense.search.eval.SynonymQueries;
import io.shopsense.search.index.CatalogIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate --task search}: reads the store, indexes the catalog (BM25 + embeddings) under
 * {@code DIR/eval-search} (re-runs reuse the embedding cache and skip unchanged items) and runs
 * {@link SearchEvaluation}. Synonym queries come from {@code DIR/queries.jsonl} when the store was
 * generated there, else they are detected.
 */
final class SearchEvaluate {
  private SearchEvaluate() {}

  static EvaluationReport run(Path data, Store store, Config config, int k) {
    List<Item> items = new ArrayList<>();
    store.forEachItem(items::add);
    List<Promotion> promotions = new ArrayList<>();
    store.forEachPromotion(promotions::add);
    List<Event> events = new ArrayList<>();
    store.forEachEvent(events::add);
    events.sort(Comparator.comparingLong(Event::time)); // stable: same-time events keep their log order
    if (items.isEmpty()) throw new UserError("the store in " + data + " has no items to search");
    Path queries = data.resolve("queries.jsonl");
    Set<String> synonyms;
    try {
      synonyms = Files.isRegularFile(queries) ? SynonymQueries.read(queries) : null;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    // the candidate depth is one page of the index's searches
    int depth = config.getInt("rank.candidates");
    Config c = config.getInt("search.page.max_size") >= depth ? config
        : config.with(Map.of("search.page.max_size", Integer.toString(depth)));
    Path dir = data.resolve("eval-search");
    try (Embedder embedder = Embedder.open(dir, Embedder.Settings.from(c));
        CatalogIndex index = CatalogIndex.open(dir, SearchSettings.from(c), embedder)) {
      index.replaceAll(items, Map.of());
      SearchEvaluation.Data d = new SearchEvaluation.Data("store " + store.url(), events, items, promotions, synonyms);
      try {
        return SearchEvaluation.run(d, index, c, k);
      } catch (IllegalArgumentException e) {
        throw new UserError("search evaluation: " + e.getMessage());
      }
    }
  }
}
