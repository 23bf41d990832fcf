package io.shopsense.recommend.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small analyzer for product text in English and Chinese (and other CJK scripts): NFKC
 * normalisation (full-width letters and digits become ASCII), lower case, runs of letters and digits
 * become words (English stop words dropped, a light plural strip: {@code shoes -> shoe},
 * {@code batteries -> battery}), and runs of CJK characters become overlapping character bigrams
 * ({@code 跑步鞋 -> 跑步, 步鞋}; a lone character stays a unigram). Good enough for item-to-item
 * similarity; the search module uses Lucene's analyzers.
 */
public final class TextAnalyzer {
  private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
      "is", "it", "of", "on", "or", "that", "the", "this", "to", "with", "without", "your", "you", "our", "new");

  private TextAnalyzer() {}

  /** The tokens of the text, in order; empty for null. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) return out;
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    List<Integer> cjk = new ArrayList<>();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        flushWord(word, out);
        cjk.add(cp);
      } else if (Character.isLetterOrDigit(cp)) {
        flushCjk(cjk, out);
        word.appendCodePoint(cp);
      } else {
        flushWord(word, out);
        flushCjk(cjk, out);
      }
    }
    flushWord(word, out);
    flushCjk(cjk, out);
    return out;
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
    return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
        || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
  }

  private static void flushWord(StringBuilder w, List<String> out) {
    if (w.length() == 0) return;
    String t = w.toString();
    w.setLength(0);
    if (STOP.contains(t)) return;
    if (t.length() == 1 && !Character.isDigit(t.charAt(0))) return;
    out.add(stem(t));
  }

  /** Strips a plural ending from words of letters only. */
  static String stem(String t) {
    int n = t.length();
    if (n <= 3 || !t.chars().allMatch(Character::isLetter)) return t;
    if (t.endsWith("ies") && n > 4) return t.substring(0, n - 3) + "y";
    if (t.endsWith("ss") || t.endsWith("us") || t.endsWith("is")) return t;
    if (t.endsWith("s")) return t.substring(0, n - 1);
    return t;
  }

  private static void flushCjk(List<Integer> run, List<String> out) {
    if (run.isEmpty()) return;
    if (run.size() == 1) {
      out.add(new String(Character.toChars(run.get(0))));
    } else {
      for (int k = 0; k + 1 < run.size(); k++) {
        out.add(new StringBuilder().appendCodePoint(run.get(k)).appendCodePoint(run.get(k + 1)).toString());
      }
    }
    run.clear();
  }
}
