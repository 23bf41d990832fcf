package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known-answer imports of the fixtures into a real SQLite store, and what bad files leave behind. */
class ImporterTest {
  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = Stores.forDataDir(dir.resolve("data"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<ImportSource> fixtureCatalogAndEvents() {
    // deliberately out of order: the importer sorts shops, items, promotions, events
    return List.of(ImportSource.jsonl(Kind.EVENTS, Fixtures.file("events.jsonl")),
        ImportSource.jsonl(Kind.ITEMS, Fixtures.file("items.jsonl")),
        ImportSource.jsonl(Kind.PROMOTIONS, Fixtures.file("promotions.jsonl")),
        ImportSource.jsonl(Kind.SHOPS, Fixtures.file("shops.jsonl")));
  }

  @Test
  void importsTheJsonlFixturesExactly() {
    List<ImportReport> reports = new Importer(store).batchSize(3).importAll(fixtureCatalogAndEvents());

    assertThat(reports).extracting(ImportReport::kind).containsExactly(Kind.SHOPS, Kind.ITEMS, Kind.PROMOTIONS, Kind.EVENTS);
    assertThat(reports).extracting(ImportReport::read).containsExactly(2L, 4L, 3L, 12L);
    assertThat(reports).extracting(ImportReport::imported).containsExactly(2L, 4L, 3L, 11L);
    ImportReport ev = reports.get(3);
    assertThat(ev.duplicates()).isEqualTo(1); // e1 appears twice
    assertThat(ev.bad()).isZero();
    assertThat(ev.file()).isEqualTo(Fixtures.file("events.jsonl").toString());

    assertThat(store.shopCount()).isEqualTo(2);
    assertThat(store.shop("s2")).contains(new Shop("s2", "茶香小铺", "Food>Tea", 1704067200000L));
    assertThat(store.itemCount()).isEqualTo(4);
    assertThat(store.item("i2")).contains(new Item("i2", "男士跑步鞋 轻便透气", "2024新款", "Shoes>Running", "Swift", "s1",
        299, false, Map.of("颜色", "黑色"), 1706745600000L));
    assertThat(store.promotionCount()).isEqualTo(3);
    List<Promotion> promos = new ArrayList<>();
    store.forEachPromotion(promos::add);
    assertThat(promos).extracting(Promotion::id).containsExactlyInAnyOrder("p1", "p2", "p3");

    assertThat(store.eventCount()).isEqualTo(11);
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) byType.put(t, 1L);
    byType.put(EventType.VIEW, 2L);
    assertThat(store.countByType()).isEqualTo(byType);
    List<Event> all = new ArrayList<>();
    store.forEachEvent(all::add);
    assertThat(all).extracting(Event::id).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", null);
    assertThat(all.get(9)).isEqualTo(new Event("e10", "u2", EventType.IMPRESSION, null, 1709632871000L, "s-2",
        Channel.MINI, null, "绿茶", List.of("i3", "i2"), null));
    assertThat(store.distinctUsersAndItems()).containsExactly(3, 4);
  }

  @Test
  void importingTwiceStoresEventsWithIdsOnce() {
    Importer importer = new Importer(store);
    importer.importAll(fixtureCatalogAndEvents());
    List<ImportReport> again = importer.importAll(fixtureCatalogAndEvents());
    assertThat(again.get(3).imported()).isEqualTo(1); // only the event without id
    assertThat(again.get(3).duplicates()).isEqualTo(11);
    assertThat(store.eventCount()).isEqualTo(12);
    assertThat(store.itemCount()).isEqualTo(4); // upserts replace
  }

  @Test
  void importsRatingFiles() {
    Importer importer = new Importer(store);
    assertThat(importer.importFile(new ImportSource(Kind.EVENTS, Fixtures.file("u.data"), ImportFormat.MOVIELENS))
        .imported()).isEqualTo(4);
    assertThat(importer.importFile(new ImportSource(Kind.EVENTS, Fixtures.file("ratings.dat"), ImportFormat.MOVIELENS))
        .imported()).isEqualTo(3);
    assertThat(importer.importFile(new ImportSource(Kind.EVENTS, Fixtures.file("ratings.csv"), ImportFormat.MOVIELENS))
        .read()).isEqualTo(3);
    assertThat(importer.importFile(new ImportSource(Kind.EVENTS, Fixtures.file("ml.test.rating"), ImportFormat.NCF))
        .imported()).isEqualTo(2);
    assertThat(store.eventCount()).isEqualTo(12);
    assertThat(store.countByType()).isEqualTo(Map.of(EventType.RATE, 12L));
    assertThat(store.recentEvents("196", 10)).containsExactly(
        new Event(null, "196", EventType.RATE, "242", 881250949000L, null, null, 3.0, null, null, null),
        new Event(null, "196", EventType.RATE, "51", 880606923000L, null, null, 2.0, null, null, null));
    assertThat(store.recentEvents("1", 10)).extracting(Event::value).containsExactly(3.0, 5.0, 5.0, 4.0, 0.5); // .dat, .dat, NCF, .csv, .csv
  }

  @Test
  void aRejectedFileLeavesTheStoreUnchanged() throws IOException {
    store.append(List.of(Event.of("u0", EventType.VIEW, "i0", 1)));
    Path f = write("events.jsonl", good(5) + "{\"user\":\"u\",\"type\":\"bogus\",\"time\":1}\n" + good(5));
    // batches of one: without the validation pass the first five lines would already be committed
    assertThatThrownBy(() -> new Importer(store).batchSize(1).importFile(ImportSource.jsonl(Kind.EVENTS, f)))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(f + ":6: field 'type': unknown event type 'bogus' (expected one of view, click,");
    assertThat(store.eventCount()).isEqualTo(1);
  }

  @Test
  void aBadFileStopsTheOtherFilesToo() throws IOException {
    Path events = write("events.jsonl", good(3) + "{\"type\":\"view\",\"item\":\"i\",\"time\":1}\n");
    List<ImportSource> sources = List.of(ImportSource.jsonl(Kind.ITEMS, Fixtures.file("items.jsonl")),
        ImportSource.jsonl(Kind.EVENTS, events));
    assertThatThrownBy(() -> new Importer(store).importAll(sources)).isInstanceOf(InputException.class)
        .hasMessage(events + ":4: field 'user': required field is missing");
    assertThat(store.itemCount()).isZero();
    assertThat(store.eventCount()).isZero();
  }

  @Test
  void aBadLineLateInAFileLeavesAnEmptyStoreEmptyWithItsIndexes() throws IOException {
    // the bulk path into an empty table drops the event indexes while it loads; the rollback restores them
    Path f = write("events.jsonl", good(2_500) + "{\"user\":\"u\",\"type\":\"view\",\"time\":1}\n" + good(10));
    assertThatThrownBy(() -> new Importer(store).batchSize(100).importFile(ImportSource.jsonl(Kind.EVENTS, f)))
        .isInstanceOf(InputException.class)
        .hasMessage(f + ":2501: field 'item': required for event type 'view'")
        .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    assertThat(store.eventCount()).isZero();
    Event e = new Event("g7", "u0", EventType.VIEW, "i0", 5, null, null, null, null, null, null);
    assertThat(store.append(List.of(e))).isEqualTo(1);
    assertThat(store.append(List.of(e))).isZero(); // the unique index on ids is back
    assertThat(store.recentEvents("u0", 5)).containsExactly(e); // and so is the day index
  }

  @Test
  void aBadCatalogFileStopsTheEventsFileThatIsWrittenFirst() throws IOException {
    Path items = write("items.jsonl", "{\"id\":\"i1\",\"price\":\"12\"}\n");
    Path events = write("events.jsonl", good(50));
    List<ImportSource> sources = List.of(ImportSource.jsonl(Kind.EVENTS, events), ImportSource.jsonl(Kind.ITEMS, items));
    assertThatThrownBy(() -> new Importer(store).importAll(sources)).isInstanceOf(InputException.class)
        .hasMessageStartingWith(items + ":1: field 'price'");
    assertThat(store.itemCount()).isZero();
    assertThat(store.eventCount()).isZero();
  }

  @Test
  void severalEventsFilesKeepTheirOrderAndABadLaterOneStopsThemAll() throws IOException {
    Path first = write("a.jsonl", good(3));
    Path second = write("b.jsonl", good(2));
    Path bad = write("c.jsonl", good(2) + "{\"user\":\"u\",\"type\":\"view\",\"time\":1}\n");
    assertThatThrownBy(() -> new Importer(store).importAll(List.of(ImportSource.jsonl(Kind.EVENTS, first),
        ImportSource.jsonl(Kind.EVENTS, bad)))).isInstanceOf(InputException.class).hasMessageStartingWith(bad + ":3:");
    assertThat(store.eventCount()).isZero();
    new Importer(store).importAll(List.of(ImportSource.jsonl(Kind.EVENTS, first), ImportSource.jsonl(Kind.EVENTS, second)));
    List<String> ids = new ArrayList<>();
    store.forEachEvent(e -> ids.add(e.id()));
    assertThat(ids).containsExactly("g0", "g1", "g2", "g3", "g4");
  }

  @Test
  void skipBadWritesTheGoodLinesAndCountsTheBadOnes() throws IOException {
    Path f = write("events.jsonl", good(2) + "{\"user\":\"u\",\"type\":\"bogus\",\"time\":1}\n" + good(3)
        + "not json\n{\"user\":\"u\",\"type\":\"view\",\"time\":1}\n" + good(1));
    ImportReport r = new Importer(store).skipBad(true).maxErrors(2).batchSize(2)
        .importFile(ImportSource.jsonl(Kind.EVENTS, f));
    assertThat(r.read()).isEqualTo(9);
    assertThat(r.imported()).isEqualTo(6);
    assertThat(r.bad()).isEqualTo(3);
    assertThat(r.errors()).extracting(InputException::line).containsExactly(3L, 7L);
    assertThat(r.errors().get(1).getMessage()).isEqualTo(f + ":7: malformed JSON at column 1: Unrecognized token 'not': "
        + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assertThat(store.eventCount()).isEqualTo(6);
  }

  @Test
  void anEmptyFileIsAnErrorEvenWithSkipBad() throws IOException {
    Path f = write("events.jsonl", "\n\n");
    assertThatThrownBy(() -> new Importer(store).skipBad(true).importFile(ImportSource.jsonl(Kind.EVENTS, f)))
        .isInstanceOf(InputException.class).hasMessage(f + ": file is empty");
  }

  @Test
  void printsProgressLinesWithAPercentage() throws IOException {
    Path f = write("events.jsonl", good(3000));
    List<String> lines = new ArrayList<>();
    ImportReport r = new Importer(store).progress(lines::add)
        .progressInterval(Duration.ZERO).importFile(ImportSource.jsonl(Kind.EVENTS, f));
    assertThat(r.imported()).isEqualTo(3000);
    assertThat(lines).anyMatch(l -> l.matches("import .*events\\.jsonl: writing \\d+% \\(2,048 records, [\\d,]+/s\\)"));
    // an events file is checked while written; a validation pass (catalog files) reports "checking"
    lines.clear();
    new Importer(store).progress(lines::add).progressInterval(Duration.ZERO).validate(ImportSource.jsonl(Kind.EVENTS, f));
    assertThat(lines).anyMatch(l -> l.matches("import .*events\\.jsonl: checking \\d+% \\([\\d,]+ records, [\\d,]+/s\\)"));
  }

  @Test
  void parallelValidationReportsTheFirstErrorWithItsFileLineNumber() throws IOException {
    // ~13 MB: validated in three parts by several threads; line numbers must still be those of the file
    int n = 200_000;
    String body = good(n);
    String bad1 = "{\"user\":\"u\",\"type\":\"view\",\"time\":1}\n";
    String bad2 = "{\"user\":\"u\",\"type\":\"bogus\",\"time\":1}\n";
    int cut = body.indexOf('\n', body.length() * 3 / 4) + 1; // in the last quarter
    long lineOfBad = body.substring(0, cut).chars().filter(c -> c == '\n').count() + 2; // after one blank line
    Path late = write("late.jsonl", body.substring(0, cut) + "\n" + bad1 + body.substring(cut));
    assertThat(Files.size(late)).isGreaterThan(3 * Importer.PARALLEL_VALIDATION_BYTES);
    Importer importer = new Importer(store).validationThreads(3);
    assertThatThrownBy(() -> importer.importFile(ImportSource.jsonl(Kind.EVENTS, late))).isInstanceOf(InputException.class)
        .hasMessage(late + ":" + lineOfBad + ": field 'item': required for event type 'view'");

    Path both = write("both.jsonl", bad2 + body.substring(0, cut) + bad1 + body.substring(cut));
    assertThatThrownBy(() -> importer.importFile(ImportSource.jsonl(Kind.EVENTS, both))).isInstanceOf(InputException.class)
        .hasMessageStartingWith(both + ":1: field 'type': unknown event type 'bogus'");
    assertThat(store.eventCount()).isZero();

    Path good = write("good.jsonl", body);
    assertThat(importer.validate(ImportSource.jsonl(Kind.EVENTS, good))).isEqualTo(n);
  }

  @Test
  void parallelValidationOfACsvSkipsTheHeaderOnlyAtTheStart() throws IOException {
    StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int i = 0; i < 400_000; i++) sb.append(i % 1000).append(',').append(i % 3000).append(",3.5,964982703\n");
    Path csv = write("ratings.csv", sb.toString());
    assertThat(Files.size(csv)).isGreaterThan(2 * Importer.PARALLEL_VALIDATION_BYTES);
    ImportSource src = new ImportSource(Kind.EVENTS, csv, ImportFormat.MOVIELENS);
    assertThat(new Importer(store).validationThreads(2).validate(src)).isEqualTo(400_000);
  }

  /** n good event lines with distinct ids. */
  private int next;

  private String good(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int k = next++;
      sb.append("{\"id\":\"g").append(k).append("\",\"user\":\"u").append(k % 7).append("\",\"type\":\"view\",\"item\":\"i")
          .append(k % 11).append("\",\"time\":").append(1000L + k).append("}\n");
    }
    return sb.toString();
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }
}
