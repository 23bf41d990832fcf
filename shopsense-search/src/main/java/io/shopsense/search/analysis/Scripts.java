package io.shopsense.search.analysis;

/**
 * Which writing system a piece of text uses. Only Han (Chinese characters) is routed to the Chinese
 * analysis and model; everything else (Latin, digits, punctuation, kana, hangul) takes the English
 * path, which the standard tokenizer handles well enough.
 */
public final class Scripts {
  private Scripts() {}

  /** True when the code point is a Han ideograph. */
  public static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }

  /** True when the text holds at least one Han ideograph. */
  public static boolean hasHan(CharSequence text) {
    if (text == null) return false;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      if (isHan(cp)) return true;
      i += Character.charCount(cp);
    }
    return false;
  }

  /** The language a text is embedded and searched in: Chinese as soon as it holds a Han character. */
  public static Language languageOf(CharSequence text) {
    return hasHan(text) ? Language.ZH : Language.EN;
  }
}
