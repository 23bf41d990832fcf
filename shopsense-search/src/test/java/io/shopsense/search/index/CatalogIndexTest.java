package io.shopsense.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Item;
import io.shopsense.search.GoldenCatalog;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.TestModels;
import io.shopsense.search.embed.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental writes: upsert, change detection, embedding reuse, delete, replace, reopen. */
class CatalogIndexTest {
  static final Embedder E = TestModels.embedder();
  @TempDir Path dir;

  static Item kettle(int i, String title, double price) {
    return new Item("k" + i, title, "Electric kettle number " + i + " for the reindex test", "Kitchen>Kettles", "Kettleco",
        "s9", price, true, Map.of(), 1_700_000_000_000L + i);
  }

  static List<Item> kettles() {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) out.add(kettle(i, "Reindex probe kettle " + i + " 1.7 litre", 20 + i));
    return out;
  }

  @Test
  void reindexingUnchangedItemsWritesAndEmbedsNothing() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), E)) {
      IndexStats first = idx.upsert(kettles());
      assertThat(first.written()).isEqualTo(5);
      assertThat(first.embedded()).isEqualTo(5);

      long before = E.computedCount();
      IndexStats again = idx.upsert(kettles());
      assertThat(again.written()).isZero();
      assertThat(again.unchanged()).isEqualTo(5);
      assertThat(again.embedded()).isZero();
      assertThat(E.computedCount()).isEqualTo(before);

      // a price change rewrites the document, but its text (hence its vector) comes from the cache
      List<Item> repriced = kettles();
      repriced.set(2, kettle(2, "Reindex probe kettle 2 1.7 litre", 99));
      IndexStats price = idx.upsert(repriced);
      assertThat(price.written()).isEqualTo(1);
      assertThat(price.embedded()).isZero();
      assertThat(idx.search(SearchRequest.of("kettle").withMode(SearchMode.BM25).withPrice(90.0, null)).ids())
          .containsExactly("k2");

      // a title change embeds exactly that item
      repriced.set(3, kettle(3, "Reindex probe gooseneck kettle 3", 23));
      IndexStats title = idx.upsert(repriced);
      assertThat(title.written()).isEqualTo(1);
      assertThat(title.embedded()).isEqualTo(1);
    }
  }

  @Test
  void writesAreVisibleToTheNextSearch() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), E)) {
      idx.upsert(GoldenCatalog.items());
      assertThat(idx.size()).isEqualTo(19);
      idx.upsert(List.of(new Item("n1", "Titanium Camping Spork", "Ultralight cutlery", "Outdoor>Cooking", "Toaks",
          "s8", 12.0, true, Map.of(), 1L)));
      assertThat(idx.search(SearchRequest.of("spork")).ids()).containsExactly("n1");
      assertThat(idx.size()).isEqualTo(20);

      idx.upsert(List.of(new Item("n1", "Titanium Camping Fork", "Ultralight cutlery", "Outdoor>Cooking", "Toaks",
          "s8", 12.0, true, Map.of(), 1L)));
      assertThat(idx.search(SearchRequest.of("spork").withMode(SearchMode.BM25)).ids()).doesNotContain("n1");
      assertThat(idx.search(SearchRequest.of("titanium fork")).ids()).startsWith("n1");
      assertThat(idx.size()).isEqualTo(20);

      assertThat(idx.delete(List.of("n1", "missing"))).isEqualTo(1);
      assertThat(idx.search(SearchRequest.of("titanium fork").withMode(SearchMode.BM25)).ids()).doesNotContain("n1");
      assertThat(idx.size()).isEqualTo(19);
    }
  }

  @Test
  void replaceAllDeletesItemsNoLongerInTheCatalog() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), E)) {
      idx.upsert(GoldenCatalog.items());
      List<Item> fewer = GoldenCatalog.items().subList(0, 12); // the English items only
      IndexStats s = idx.replaceAll(fewer, Map.of());
      assertThat(s.deleted()).isEqualTo(7);
      assertThat(s.written()).isZero();
      assertThat(idx.size()).isEqualTo(12);
      assertThat(idx.search(SearchRequest.of("咖啡机")).ids()).isEmpty();
    }
  }

  @Test
  void reopenedIndexKeepsItsItemsAndHashes() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), E)) {
      idx.upsert(GoldenCatalog.items());
    }
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), E)) {
      assertThat(idx.size()).isEqualTo(19);
      assertThat(idx.upsert(GoldenCatalog.items()).written()).isZero();
      assertThat(idx.search(SearchRequest.of("coffee maker").withMode(SearchMode.HYBRID)).ids()).startsWith("e06");
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryFailsClearly() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), null)) {
      assertThatThrownBy(() -> CatalogIndex.open(dir, SearchSettings.defaults(), null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("open in another process");
      assertThat(idx.size()).isZero();
    }
  }

  @Test
  void withoutAnEmbedderHybridRunsAsBm25() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), null)) {
      IndexStats s = idx.upsert(GoldenCatalog.items());
      assertThat(s.embedded()).isZero();
      SearchResult r = idx.search(SearchRequest.of("running shoes").withMode(SearchMode.HYBRID));
      assertThat(r.mode()).isEqualTo(SearchMode.BM25);
      assertThat(r.ids()).startsWith("e01", "e02");
      assertThat(r.hits().get(0).vectorSimilarity()).isNull();
    }
  }

  @Test
  void itemsTheIndexCannotHoldAreRejectedByName() {
    try (CatalogIndex idx = CatalogIndex.open(dir, SearchSettings.defaults(), null)) {
      Item bad = new Item("bad1", "x", null, null, null, null, Double.NaN, true, null, 0);
      assertThatThrownBy(() -> idx.upsert(List.of(bad))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad1").hasMessageContaining("price");
      Item negative = new Item("bad2", "x", null, null, null, null, -1, true, null, 0);
      assertThatThrownBy(() -> idx.upsert(List.of(negative))).hasMessageContaining("bad2");
      // sparse items (no description, brand, shop or category) index fine
      idx.upsert(List.of(new Item("ok", "Plain thing", null, null, null, null, 0, false, null, 0)));
      SearchResult r = idx.search(SearchRequest.of("plain thing"));
      assertThat(r.ids()).containsExactly("ok");
      assertThat(r.hits().get(0).brand()).isNull();
    }
  }
}
