package io.shopsense.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportReport;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStoreTest {
  private static final GeneratorSpec TINY = new GeneratorSpec(40, 150, 3000, 7);
  private final StringWriter log = new StringWriter();
  private final StepTimer timer = new StepTimer(new PrintWriter(log, true), 2);

  @Test
  void generatesAndImportsOnceThenKnowsBothAreDone(@TempDir Path dir) {
    DemoStore s = new DemoStore(dir, TINY);
    assertThat(s.generated()).isFalse();
    assertThat(s.imported()).isFalse();

    timer.begin("generate", "test");
    s.generate(timer);
    assertThat(s.generated()).isTrue();
    assertThat(log.toString()).contains("[1/2] generate 100%");
    timer.begin("import", "test");
    List<ImportReport> reports = s.importGenerated(timer);
    assertThat(reports).hasSize(4);
    assertThat(s.imported()).isTrue();
    long events;
    try (Store store = Stores.open(s.storeUrl())) {
      events = store.eventCount();
      assertThat(store.itemCount()).isEqualTo(150);
    }
    assertThat(events).isGreaterThan(2000);

    DemoStore again = new DemoStore(dir, TINY);
    again.checkCompatible();
    assertThat(again.generated()).isTrue();
    assertThat(again.imported()).isTrue();
  }

  @Test
  void anInterruptedImportIsRedoneFromScratch(@TempDir Path dir) throws IOException {
    DemoStore s = new DemoStore(dir, TINY);
    s.generate(timer);
    s.importGenerated(timer);
    long events;
    try (Store store = Stores.open(s.storeUrl())) {
      events = store.eventCount();
    }
    // as if the process died after writing part of the store: the marker is missing
    Files.delete(dir.resolve(DemoStore.IMPORTED_MARKER));
    assertThat(s.imported()).isFalse();
    s.importGenerated(timer);
    try (Store store = Stores.open(s.storeUrl())) {
      assertThat(store.eventCount()).as("no event imported twice").isEqualTo(events);
    }
  }

  @Test
  void refusesADirectoryMadeForAnotherSize(@TempDir Path dir) {
    DemoStore s = new DemoStore(dir, TINY);
    s.generate(timer);
    DemoStore other = new DemoStore(dir, TINY.withUsers(41));
    assertThatThrownBy(other::checkCompatible).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a demo store of another size (users=40 items=150 events=3000 seed=7")
        .hasMessageContaining("pass the matching --size or another --data directory");
  }

  @Test
  void hintsOfferShoppersWithDistinctTastesAndQueriesInBothLanguages(@TempDir Path dir) {
    DemoStore s = new DemoStore(dir, new GeneratorSpec(300, 400, 20000, 7));
    s.generate(timer);
    ConsoleHints h = ConsoleHints.read(s.generatedDir(), 8, 10);
    assertThat(h.shoppers()).hasSize(8);
    assertThat(h.shoppers()).extracting(ConsoleHints.Shopper::tastes).doesNotHaveDuplicates().allMatch(t -> !t.isBlank());
    assertThat(h.shoppers()).extracting(ConsoleHints.Shopper::language).contains("en", "zh");
    assertThat(h.queries()).hasSize(10).doesNotHaveDuplicates();
    assertThat(h.queries()).anyMatch(q -> q.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    assertThat(h.queries()).anyMatch(q -> q.chars().allMatch(c -> c < 128));
    assertThat(ConsoleHints.read(dir.resolve("nothing-here"), 8, 10)).isEqualTo(ConsoleHints.none());
  }
}
