package io.shopsense.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.search.GoldenCatalog;
import io.shopsense.search.InvalidQueryException;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input never escapes as anything but an {@link InvalidQueryException} with the field to
 * fix; text that merely has no searchable words returns no hits.
 */
class BadQueryTest {
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

  static void invalid(SearchRequest r, String field, String message) {
    for (SearchMode m : SearchMode.values()) {
      assertThatThrownBy(() -> index.search(r.withMode(m)))
          .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo(field))
          .hasMessageContaining(message);
    }
  }

  @Test
  void emptyQueriesAreAnError() {
    invalid(SearchRequest.of(""), "q", "query must not be empty");
    invalid(SearchRequest.of("   \t\n"), "q", "query must not be empty");
    invalid(SearchRequest.of(null), "q", "query must not be empty");
    invalid(SearchRequest.of("\u0000\u0007"), "q", "query must not be empty");
  }

  @Test
  void tenThousandCharactersAreRejectedWithTheLimit() {
    invalid(SearchRequest.of("shoes ".repeat(2000)), "q", "query is too long: 11999 characters (at most 256)");
    // at the limit it runs
    assertThat(index.search(SearchRequest.of("shoe".repeat(64))).total()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"?!", "...", "\"(*:", "+-&&||!(){}[]^\"~*?:\\/", "，。、！", "\"", "*", "AND OR NOT"})
  void punctuationAndOperatorsAloneFindNothing(String q) {
    for (SearchMode m : SearchMode.values()) {
      SearchResult r = index.search(SearchRequest.of(q).withMode(m));
      assertThat(r.hits()).as(q + " " + m).isEmpty();
      assertThat(r.total()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"running shoes", "running\" shoes\"\"", "(running AND shoes", "title:running shoes*",
      "running~2 shoes^3", "running) shoes]", "/running/ shoes", "running\\ shoes", "running && !shoes"})
  void luceneSyntaxIsPlainText(String q) {
    for (SearchMode m : SearchMode.values()) {
      SearchResult r = index.search(SearchRequest.of(q).withMode(m));
      assertThat(r.ids()).as(q + " " + m).contains("e01");
    }
  }

  @Test
  void badPagesAndPricesNameTheField() {
    invalid(SearchRequest.of("shoes").withPage(-1, 10), "page", "page must be >= 0");
    invalid(SearchRequest.of("shoes").withPage(0, 0), "n", "size must be between 1 and 100");
    invalid(SearchRequest.of("shoes").withPage(0, 101), "n", "size must be between 1 and 100");
    invalid(SearchRequest.of("shoes").withPage(Integer.MAX_VALUE, 100), "page", "page too deep");
    invalid(SearchRequest.of("shoes").withPrice(100.0, 10.0), "min_price", "above max_price");
    invalid(SearchRequest.of("shoes").withPrice(Double.NaN, null), "min_price", "number >= 0");
    assertThatThrownBy(() -> SearchMode.parse("semantic")).isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("bm25, vector or hybrid");
  }

  @Test
  void unknownFilterValuesJustMatchNothing() {
    SearchResult r = index.search(SearchRequest.of("shoes").withBrand("no such brand").withCategory(">>"));
    assertThat(r.total()).isZero();
    assertThat(r.hits()).isEmpty();
  }
}
