package io.shopsense.search.analysis;

import java.util.Locale;

/** The two languages ShopSense analyses and embeds natively. */
public enum Language {
  EN, ZH;

  /** Lower-case code, used in field names such as {@code vec_zh}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
