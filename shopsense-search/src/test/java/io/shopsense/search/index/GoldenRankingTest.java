package io.shopsense.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.search.GoldenCatalog;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden ranking test (as Anserini pins its regressions): the exact ranked ids of a handful of
 * queries over the hand-written 19-item catalog, in bm25 and hybrid mode, with the default
 * settings. A change here is a ranking change: look at it, then update the pins on purpose.
 */
class GoldenRankingTest {
  @TempDir static Path dir;
  static CatalogIndex index;

  @BeforeAll
  static void build() {
    index = CatalogIndex.open(dir, SearchSettings.defaults(), TestModels.embedder());
    index.upsert(GoldenCatalog.items());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static List<String> ids(String query, SearchMode mode) {
    return index.search(SearchRequest.of(query).withMode(mode).withPage(0, 10)).ids();
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "running shoes        | bm25   | e01 e02 e04 z01 z02",
      "running shoes        | hybrid | e01 e02 e04 e03 z01 z02",
      "Nike 男士跑步鞋        | bm25   | z01 e01",
      "Nike 男士跑步鞋        | hybrid | z01 z02 z05 e01",
      "couch                | bm25   | e08",
      "tee                  | bm25   | e09",
      "咖啡机                 | bm25   | z03",
      "咖啡机                 | hybrid | z03",
      "coffee maker         | bm25   | e06 e05 z03",
      "coffee maker         | hybrid | e06 e05 z03",
      "espresso             | hybrid | e05 e06",
      "运动鞋                 | bm25   | z02",
      "运动鞋                 | hybrid | z02 z01",
      "hedphones            | bm25   | e10",
      "jogging footwear     | bm25   | ''",
      "jogging footwear     | hybrid | e01 e02 e04 e03 e12",
  })
  void pinnedRanking(String query, String mode, String expected) {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+"));
    assertThat(ids(query.trim(), SearchMode.parse(mode))).as(query + " / " + mode).containsExactlyElementsOf(want);
  }

  /** The headline case: the titles never say "sneakers" or "jogging", the vectors know. */
  @Test
  void hybridFindsRunningShoesForSneakersForJogging() {
    List<String> running = List.of("e01", "e02", "e04");
    assertThat(ids("sneakers for jogging", SearchMode.BM25)).doesNotContainAnyElementsOf(running);
    assertThat(ids("sneakers for jogging", SearchMode.HYBRID).subList(0, 3)).containsExactlyInAnyOrderElementsOf(running);
  }

  @Test
  void synonymsAndTyposAreReportedAsSuch() {
    SearchResult couch = index.search(SearchRequest.of("couch").withMode(SearchMode.BM25));
    assertThat(couch.relaxed()).isFalse(); // found through the synonym sofa, not by relaxing
    SearchResult typo = index.search(SearchRequest.of("hedphones").withMode(SearchMode.BM25));
    assertThat(typo.relaxed()).isTrue();
    assertThat(typo.hits().get(0).title()).contains("Headphones");
  }
}
