package io.shopsense.search.eval;

import io.shopsense.core.io.JsonlReader;
import io.shopsense.core.io.RecordReader;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a store written by {@code ./shopsense generate} straight from its JSONL files (no database),
 * for tests and benchmarks: events sorted by time, exact duplicates (same {@code id}) dropped as a
 * store would, synonym queries from {@code queries.jsonl}.
 */
public final class GeneratedStore {
  private GeneratedStore() {}

  public static SearchEvaluation.Data read(Path dir) {
    List<Item> items = all(JsonlReader.items(dir.resolve("items.jsonl")));
    List<Promotion> promotions = all(JsonlReader.promotions(dir.resolve("promotions.jsonl")));
    List<Event> events = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Event e : all(JsonlReader.events(dir.resolve("events.jsonl")))) {
      if (e.id() == null || ids.add(e.id())) events.add(e);
    }
    events.sort(Comparator.comparingLong(Event::time));
    Path q = dir.resolve("queries.jsonl");
    return new SearchEvaluation.Data("generated " + dir, events, items, promotions,
        Files.isRegularFile(q) ? SynonymQueries.read(q) : null);
  }

  private static <T> List<T> all(RecordReader<T> r) {
    List<T> out = new ArrayList<>();
    try (r) {
      for (T t = r.next(); t != null; t = r.next()) out.add(t);
    }
    return out;
  }
}
