package io.shopsense.search.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits the input into runs of Han and non-Han characters and analyses each run with the analyzer
 * for its script, so {@code Nike 男士跑步鞋} yields {@code nike} (English chain) and
 * {@code 男士, 跑步, 鞋} (SmartCN segmentation) in one token stream.
 *
 * <p>The whole field value is read and its tokens buffered: product fields are short, and buffering
 * is what lets two complete analyzers run one after the other. Offsets point into the original text.
 * Cost: O(length of the text) plus the two analyzers' own cost.
 */
final class ScriptRoutingTokenizer extends Tokenizer {
  private record Tok(String term, int start, int end, int posInc) {}

  private final Analyzer other;
  private final Analyzer han;
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
  private final List<Tok> tokens = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private int next;
  private int finalOffset;

  ScriptRoutingTokenizer(Analyzer other, Analyzer han) {
    this.other = other;
    this.han = han;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    tokens.clear();
    next = 0;
    text.setLength(0);
    char[] buf = new char[1024];
    for (int n; (n = input.read(buf)) != -1; ) text.append(buf, 0, n);
    foldFullWidth(text);
    int start = 0;
    while (start < text.length()) {
      boolean isHan = Scripts.isHan(Character.codePointAt(text, start));
      int end = start;
      while (end < text.length()) {
        int cp = Character.codePointAt(text, end);
        if (Scripts.isHan(cp) != isHan) break;
        end += Character.charCount(cp);
      }
      analyzeRun(isHan ? han : other, start, end);
      start = end;
    }
    finalOffset = correctOffset(text.length());
  }

  /**
   * Chinese input methods type full-width Latin ({@code ＮＩＫＥ １０}); fold it to ASCII one char
   * for one char, so offsets stay valid.
   */
  static void foldFullWidth(StringBuilder s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') s.setCharAt(i, (char) (c - 0xFEE0));
      else if (c == '\u3000') s.setCharAt(i, ' ');
    }
  }

  private void analyzeRun(Analyzer analyzer, int from, int to) throws IOException {
    try (TokenStream ts = analyzer.tokenStream("", text.substring(from, to))) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute o = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int inc = tokens.isEmpty() ? Math.max(1, p.getPositionIncrement()) : p.getPositionIncrement();
        tokens.add(new Tok(t.toString(), from + o.startOffset(), from + o.endOffset(), inc));
      }
      ts.end();
    }
  }

  @Override
  public boolean incrementToken() {
    if (next >= tokens.size()) return false;
    clearAttributes();
    Tok tok = tokens.get(next++);
    termAtt.setEmpty().append(tok.term());
    offsetAtt.setOffset(correctOffset(tok.start()), correctOffset(tok.end()));
    posIncAtt.setPositionIncrement(tok.posInc());
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    offsetAtt.setOffset(finalOffset, finalOffset);
  }

  @Override
  public void close() throws IOException {
    super.close();
    tokens.clear();
    text.setLength(0);
  }
}
