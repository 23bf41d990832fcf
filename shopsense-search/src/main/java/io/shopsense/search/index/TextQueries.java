package io.shopsense.search.index;

import io.shopsense.search.SearchSettings;
import io.shopsense.search.analysis.ShopAnalyzer;
import java.io.IOException;
import java.util.LinkedHashSet;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Builds BM25 queries from analysed text. Nothing here parses query syntax: Lucene's
 * {@link QueryBuilder} turns the analyser's tokens (synonym graph included) into term, synonym and
 * phrase queries, so user text can hold any character.
 *
 * <p>Strict: every query word must occur in the item's text (the {@code all} field); matches in the
 * title, brand and category add boosted score. Relaxed (when strict finds too little): any word, plus
 * fuzzy variants of unknown English words (Levenshtein automata, Schulz and Mihov 2002), for typos.
 */
final class TextQueries {
  private static final float FUZZY_BOOST = 0.5f;
  private final QueryBuilder builder;
  private final ShopAnalyzer plain;
  private final SearchSettings settings;

  TextQueries(ShopAnalyzer queryAnalyzer, ShopAnalyzer indexAnalyzer, SearchSettings settings) {
    this.builder = new QueryBuilder(queryAnalyzer);
    this.builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    this.plain = indexAnalyzer;
    this.settings = settings;
  }

  /** True when the text has at least one searchable word. */
  boolean hasTerms(String text) {
    return !plain.terms(text).isEmpty();
  }

  /** All words required; null when the text has no searchable word. */
  Query strict(String text) {
    Query must = builder.createBooleanQuery(ItemDocuments.ALL, text, Occur.MUST);
    return must == null ? null : withFieldBoosts(must, text);
  }

  /**
   * Any word, with fuzzy variants of the English words the catalog does not contain (a word it
   * contains is no typo, and fuzzing it only adds noise); null when nothing can be built.
   */
  Query relaxed(String text, IndexReader reader) throws IOException {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    Query words = builder.createBooleanQuery(ItemDocuments.ALL, text, Occur.SHOULD);
    if (words != null) any.add(words, Occur.SHOULD);
    for (String t : new LinkedHashSet<>(plain.terms(text))) {
      int edits = fuzzyEdits(t);
      if (edits > 0 && reader.docFreq(new Term(ItemDocuments.ALL, t)) == 0) {
        any.add(new BoostQuery(new FuzzyQuery(new Term(ItemDocuments.ALL, t), edits, 1), FUZZY_BOOST), Occur.SHOULD);
      }
    }
    BooleanQuery q = any.build();
    return q.clauses().isEmpty() ? null : withFieldBoosts(q, text);
  }

  /** Edit distance allowed for a (stemmed) term: none for short or non-Latin terms. */
  static int fuzzyEdits(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c < 'a' || c > 'z') return 0; // digits, model numbers, Chinese: exact only
    }
    if (term.length() >= 7) return 2;
    return term.length() >= 4 ? 1 : 0;
  }

  private Query withFieldBoosts(Query match, String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(match, Occur.MUST);
    boost(b, ItemDocuments.TITLE, text, settings.boostTitle());
    boost(b, ItemDocuments.BRAND, text, settings.boostBrand());
    boost(b, ItemDocuments.CATEGORY, text, settings.boostCategory());
    return b.build();
  }

  private void boost(BooleanQuery.Builder b, String field, String text, float boost) {
    if (boost <= 0) return;
    Query q = builder.createBooleanQuery(field, text, Occur.SHOULD);
    if (q != null) b.add(new BoostQuery(q, boost), Occur.SHOULD);
  }
}
