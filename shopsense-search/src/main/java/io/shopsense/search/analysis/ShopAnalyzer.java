package io.shopsense.search.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer of every catalog text field and of queries. Text is routed by script run: Han runs
 * go through SmartCN word segmentation (HMM, with its punctuation stop set), other runs through the
 * English chain (standard tokenizer, possessive removal, lower case, English stop words, Porter
 * stemming). The query-time variant adds a synonym graph on top; index time never expands synonyms,
 * so editing the synonyms file needs no re-index.
 */
public final class ShopAnalyzer extends Analyzer {
  private final Analyzer english = new EnglishAnalyzer();
  private final Analyzer chinese = new SmartChineseAnalyzer();
  private final SynonymMap synonyms;

  /** The index-time analyzer (no synonyms). */
  public ShopAnalyzer() {
    this(null);
  }

  /** With query-time synonyms; null means none. */
  public ShopAnalyzer(SynonymMap synonyms) {
    this.synonyms = synonyms;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    ScriptRoutingTokenizer source = new ScriptRoutingTokenizer(english, chinese);
    TokenStream result = source;
    if (synonyms != null && synonyms.fst != null) result = new SynonymGraphFilter(result, synonyms, true);
    return new TokenStreamComponents(source, result);
  }

  /** The terms of a text, in order (synonyms included when this is a query analyzer). */
  public List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = tokenStream("", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(t.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader never fails; keep the cause if it ever does
    }
    return out;
  }

  @Override
  public void close() {
    super.close();
    english.close();
    chinese.close();
  }
}
