package io.shopsense.core.generate;

/** A word or phrase of the generator's vocabulary in English and Chinese. */
record Word(String en, String zh) {
  static final int EN = 0;
  static final int ZH = 1;

  /** Parses {@code "English|中文"}; without a bar both languages use the same text. */
  static Word parse(String s) {
    int bar = s.indexOf('|');
    return bar < 0 ? new Word(s, s) : new Word(s.substring(0, bar), s.substring(bar + 1));
  }

  /** The text in a language ({@link #EN} or {@link #ZH}). */
  String in(int lang) {
    return lang == ZH ? zh : en;
  }
}
