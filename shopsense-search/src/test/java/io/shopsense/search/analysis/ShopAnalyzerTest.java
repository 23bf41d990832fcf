package io.shopsense.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ShopAnalyzerTest {
  static final ShopAnalyzer INDEX = new ShopAnalyzer();
  static final ShopAnalyzer QUERY = new ShopAnalyzer(Synonyms.load(null, INDEX));

  @AfterAll
  static void close() {
    INDEX.close();
    QUERY.close();
  }

  @Test
  void englishIsStemmedAndStopWordsDropped() {
    assertThat(INDEX.terms("Running Shoes")).containsExactly("run", "shoe");
    assertThat(INDEX.terms("run shoe")).containsExactly("run", "shoe");
    assertThat(INDEX.terms("sneakers for the jogging")).containsExactly("sneaker", "jog");
    assertThat(INDEX.terms("Men's jackets")).containsExactly("men", "jacket");
  }

  @Test
  void chineseIsSegmentedIntoWords() {
    assertThat(INDEX.terms("男士跑步鞋 轻便透气")).containsExactly("男士", "跑步", "鞋", "轻便", "透气");
  }

  @Test
  void mixedTextRoutesEachRunToItsAnalyzer() {
    assertThat(INDEX.terms("Nike 男士跑步鞋")).containsExactly("nike", "男士", "跑步", "鞋");
    // the item side, written with spaces, gives the same words
    assertThat(INDEX.terms("Nike 男士 跑步鞋 轻便")).containsExactly("nike", "男士", "跑步", "鞋", "轻便");
    assertThat(INDEX.terms("2024新款Running鞋")).containsExactly("2024", "新款", "run", "鞋");
  }

  @Test
  void fullWidthLatinIsFolded() {
    assertThat(INDEX.terms("ＮＩＫＥ　跑鞋")).containsExactly("nike", "跑鞋");
  }

  @Test
  void punctuationOnlyGivesNoTerms() {
    assertThat(INDEX.terms("?!... ，。、 ---")).isEmpty();
    assertThat(INDEX.terms("")).isEmpty();
  }

  @Test
  void offsetsPointIntoTheOriginalText() throws Exception {
    String text = "Nike 男士跑步鞋";
    try (TokenStream ts = INDEX.tokenStream("f", new StringReader(text))) {
      OffsetAttribute o = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      StringBuilder got = new StringBuilder();
      while (ts.incrementToken()) got.append(text, o.startOffset(), o.endOffset()).append('|');
      ts.end();
      assertThat(got.toString()).isEqualTo("Nike|男士|跑步|鞋|");
      assertThat(o.endOffset()).isEqualTo(text.length());
    }
  }

  @Test
  void querySynonymsExpandBothWays() {
    assertThat(QUERY.terms("couch")).contains("couch", "sofa", "sette");
    assertThat(QUERY.terms("sofa")).contains("couch");
    List<String> zh = QUERY.terms("跑鞋");
    assertThat(zh).contains("跑步", "鞋");
    // index time never expands
    assertThat(INDEX.terms("couch")).containsExactly("couch");
  }

  @Test
  void badSynonymsNameTheLine() {
    assertThatThrownBy(() -> Synonyms.parse(new StringReader("sofa, couch\nfor => the\n"), "mine.txt", INDEX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mine.txt");
  }

  @Test
  void emptySynonymsAreAllowed() throws Exception {
    SynonymMap none = Synonyms.parse(new StringReader("# nothing\n"), "empty", INDEX);
    try (ShopAnalyzer a = new ShopAnalyzer(none)) {
      assertThat(a.terms("couch")).containsExactly("couch");
    }
  }
}
