package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes, the importer reads back whole: every record lands in a real SQLite store. */
class GeneratedImportTest {
  @TempDir Path dir;

  @Test
  void importsAGeneratedStoreCompletely() throws IOException {
    GeneratorSummary g = new DataGenerator(new GeneratorSpec(100, 300, 5_000, 7)).generate(dir.resolve("gen"));
    List<ImportSource> sources = new ArrayList<>();
    for (Kind k : Kind.values()) sources.add(ImportSource.jsonl(k, dir.resolve("gen").resolve(k.defaultFileName())));
    try (Store store = Stores.forDataDir(dir.resolve("data"))) {
      List<ImportReport> reports = new Importer(store).importAll(sources);
      assertThat(store.shopCount()).isEqualTo(g.shops());
      assertThat(store.itemCount()).isEqualTo(g.items());
      assertThat(store.promotionCount()).isEqualTo(g.promotions());
      ImportReport ev = reports.get(3);
      assertThat(ev.read()).isEqualTo(g.events());
      assertThat(ev.duplicates()).isEqualTo(g.duplicateEvents());
      assertThat(store.eventCount()).isEqualTo(g.events() - g.duplicateEvents());
      Map<String, Long> byType = new TreeMap<>();
      store.countByType().forEach((t, n) -> byType.put(t.wireName(), n));
      Map<String, Long> expected = new TreeMap<>(g.eventsByType());
      expected.values().removeIf(n -> n == 0);
      // duplicates are exact repeats, so per type the store holds the generated count minus the repeats of that type
      assertThat(byType.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(g.events() - g.duplicateEvents());
      assertThat(byType.keySet()).isEqualTo(expected.keySet());
      assertThat(byType.get(EventType.SEARCH.wireName())).isPositive();
    }
  }
}
