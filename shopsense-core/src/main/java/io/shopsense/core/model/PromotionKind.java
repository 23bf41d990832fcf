package io.shopsense.core.model;

import java.util.Locale;

/** What a promotion gives: a coupon, a discount or a bundle. */
public enum PromotionKind {
  COUPON, DISCOUNT, BUNDLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; null when unknown. */
  public static PromotionKind fromWire(String s) {
    if (s == null) return null;
    for (PromotionKind k : values()) if (k.wireName().equals(s)) return k;
    return null;
  }
}
