package io.shopsense.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Item;
import io.shopsense.search.FacetValue;
import io.shopsense.search.GoldenCatalog;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.SortOrder;
import io.shopsense.search.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters, facets, sorting, paging and per-hit features over the golden catalog (read-only). */
class CatalogSearchTest {
  @TempDir static Path dir;
  static CatalogIndex index;
  static Map<String, Item> items = new HashMap<>();

  @BeforeAll
  static void build() {
    index = CatalogIndex.open(dir, SearchSettings.defaults(), TestModels.embedder());
    Map<String, ItemSignals> signals = Map.of("e03", new ItemSignals(4.8, 10.0), "e01", new ItemSignals(4.2, 50.0),
        "z02", new ItemSignals(3.9, null));
    index.upsert(GoldenCatalog.items(), signals);
    GoldenCatalog.items().forEach(i -> items.put(i.id(), i));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static SearchResult bm25(SearchRequest r) {
    return index.search(r.withMode(SearchMode.BM25));
  }

  static Map<String, Long> facet(SearchResult r, String name) {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (FacetValue v : r.facets().get(name)) m.put(v.value(), v.count());
    return m;
  }

  @Test
  void facetsCountEveryMatch() {
    SearchResult r = bm25(SearchRequest.of("shoes").withPage(0, 2));
    assertThat(r.total()).isEqualTo(6);
    assertThat(r.hits()).hasSize(2);
    assertThat(facet(r, "category")).containsExactly(Map.entry("Shoes", 6L));
    assertThat(facet(r, "brand")).containsEntry("Nike", 2L).containsEntry("李宁", 1L).hasSize(5);
    assertThat(facet(r, "brand").keySet().iterator().next()).isEqualTo("Nike"); // most frequent first
    assertThat(facet(r, "shop")).containsExactly(Map.entry("s1", 2L), Map.entry("s2", 2L), Map.entry("s6", 2L));
    assertThat(facet(r, "price")).containsExactly(Map.entry("50-100", 2L), Map.entry("100-200", 2L),
        Map.entry("200-500", 1L), Map.entry("500-1000", 1L));
    assertThat(facet(r, "in_stock")).containsExactly(Map.entry("true", 5L), Map.entry("false", 1L));
    assertThat(r.facets().keySet()).containsExactly("category", "brand", "shop", "price", "in_stock");
  }

  @Test
  void categoryFacetListsChildrenOfTheFilter() {
    SearchResult r = bm25(SearchRequest.of("shoes").withCategory("Shoes"));
    assertThat(r.total()).isEqualTo(6);
    assertThat(facet(r, "category")).containsExactly(Map.entry("Shoes>Running", 5L), Map.entry("Shoes>Formal", 1L));
    SearchResult trail = bm25(SearchRequest.of("shoes").withCategory(" Shoes > Running > Trail "));
    assertThat(trail.ids()).containsExactly("e02");
  }

  @Test
  void facetsCanBeSkipped() {
    SearchResult r = bm25(SearchRequest.of("shoes").withFacets(false));
    assertThat(r.facets()).isEmpty();
    assertThat(r.total()).isEqualTo(6);
  }

  @Test
  void filtersNarrowBothRetrievers() {
    assertThat(bm25(SearchRequest.of("shoes").withBrand("nike")).ids()).containsExactlyInAnyOrder("e01", "z01");
    assertThat(bm25(SearchRequest.of("shoes").withShop("s2")).ids()).containsExactlyInAnyOrder("e02", "e04");
    assertThat(bm25(SearchRequest.of("shoes").withPrice(90.0, 130.0)).ids()).containsExactlyInAnyOrder("e02", "e03", "e04");
    assertThat(bm25(SearchRequest.of("shoes").withPrice(null, 95.0)).ids()).containsExactly("e01");
    assertThat(bm25(SearchRequest.of("shoes").withInStock(false)).ids()).containsExactly("e04");
    // the vector candidates obey the same filters
    for (SearchMode m : SearchMode.values()) {
      SearchResult r = index.search(SearchRequest.of("running shoes").withMode(m).withInStock(false));
      assertThat(r.ids()).as(m.name()).containsExactly("e04");
      assertThat(r.total()).isEqualTo(1);
    }
    SearchResult v = index.search(SearchRequest.of("sneakers for jogging").withMode(SearchMode.VECTOR).withShop("s1"));
    assertThat(v.ids()).containsExactly("e01", "e03");
  }

  @Test
  void sortsByPriceDateAndRating() {
    List<String> asc = bm25(SearchRequest.of("shoes").withSort(SortOrder.PRICE_ASC)).ids();
    assertThat(asc).containsExactly("e01", "e04", "e03", "e02", "z02", "z01");
    List<String> desc = bm25(SearchRequest.of("shoes").withSort(SortOrder.PRICE_DESC)).ids();
    assertThat(desc).containsExactly("z01", "z02", "e02", "e03", "e04", "e01");
    List<String> newest = bm25(SearchRequest.of("shoes").withSort(SortOrder.NEWEST)).ids();
    List<String> byDate = new ArrayList<>(newest);
    byDate.sort(Comparator.comparingLong((String id) -> items.get(id).created()).reversed());
    assertThat(newest).containsExactlyElementsOf(byDate).startsWith("z02", "z01");
    List<String> rated = bm25(SearchRequest.of("shoes").withSort(SortOrder.RATING)).ids();
    assertThat(rated.subList(0, 3)).containsExactly("e03", "e01", "z02"); // unrated items follow
    assertThat(rated).hasSize(6);
    // a field sort in hybrid mode orders every match, vector-only ones included
    SearchResult h = index.search(SearchRequest.of("running shoes").withMode(SearchMode.HYBRID)
        .withSort(SortOrder.PRICE_ASC));
    assertThat(h.ids()).containsExactly("e01", "e04", "e03", "e02", "z02", "z01");
    assertThat(h.hits()).allSatisfy(hit -> assertThat(hit.score()).isZero());
  }

  @Test
  void pagesPartitionTheRanking() {
    for (SearchMode m : SearchMode.values()) {
      for (SortOrder o : new SortOrder[] {SortOrder.RELEVANCE, SortOrder.PRICE_DESC}) {
        SearchRequest base = SearchRequest.of("running shoes").withMode(m).withSort(o);
        SearchResult all = index.search(base.withPage(0, 20));
        List<String> paged = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
          SearchResult page = index.search(base.withPage(p, 2));
          assertThat(page.total()).isEqualTo(all.total());
          paged.addAll(page.ids());
        }
        assertThat(paged).as(m + " " + o).containsExactlyElementsOf(all.ids());
      }
    }
    SearchResult beyond = bm25(SearchRequest.of("shoes").withPage(5, 10));
    assertThat(beyond.hits()).isEmpty();
    assertThat(beyond.total()).isEqualTo(6);
  }

  @Test
  void hitsCarryStoredFieldsAndBothRetrievalFeatures() {
    SearchResult r = index.search(SearchRequest.of("running shoes").withMode(SearchMode.HYBRID));
    SearchHit e01 = r.hits().get(0);
    assertThat(e01.id()).isEqualTo("e01");
    assertThat(e01.title()).isEqualTo("Lightweight Running Shoes for Men");
    assertThat(e01.brand()).isEqualTo("Nike");
    assertThat(e01.shop()).isEqualTo("s1");
    assertThat(e01.category()).isEqualTo("Shoes>Running");
    assertThat(e01.price()).isEqualTo(89.99);
    assertThat(e01.inStock()).isTrue();
    assertThat(e01.created()).isEqualTo(1709251200000L);
    assertThat(e01.bm25Rank()).isEqualTo(1);
    assertThat(e01.vectorRank()).isEqualTo(1);
    assertThat(e01.bm25Score()).isGreaterThan(1);
    assertThat(e01.vectorSimilarity()).isBetween(0.5, 1.0);
    SearchHit e03 = r.hits().stream().filter(h -> h.id().equals("e03")).findFirst().orElseThrow();
    assertThat(e03.bm25Rank()).isZero(); // found by the vectors only
    assertThat(e03.bm25Score()).isZero();
    // in bm25 mode the similarity is still computed for the page
    SearchResult b = bm25(SearchRequest.of("running shoes"));
    assertThat(b.hits().get(0).vectorSimilarity()).isNull(); // no query vector in bm25 mode
    SearchResult v = index.search(SearchRequest.of("running shoes").withMode(SearchMode.VECTOR));
    assertThat(v.hits().get(0).bm25Score()).isGreaterThan(1); // and bm25 for vector hits
    assertThat(v.hits().get(0).score()).isEqualTo(v.hits().get(0).vectorSimilarity(),
        org.assertj.core.data.Offset.offset(1e-5));
  }
}
