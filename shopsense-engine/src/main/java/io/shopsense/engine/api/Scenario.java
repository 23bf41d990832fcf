package io.shopsense.engine.api;

import java.util.Locale;

/** The recommendation scenarios of {@code GET /v1/recommendations/{scenario}}. */
public enum Scenario {
  FOR_YOU("for-you"), SIMILAR("similar"), BOUGHT_TOGETHER("bought-together"), BUY_AGAIN("buy-again"),
  TRENDING("trending"), NEW_ARRIVALS("new-arrivals"), SHOPS("shops"), PROMOTIONS("promotions");

  private final String wire;

  Scenario(String wire) {
    this.wire = wire;
  }

  /** The path name, e.g. {@code for-you}. */
  public String wireName() {
    return wire;
  }

  /** Parses a path name; null when unknown. */
  public static Scenario fromWire(String s) {
    if (s == null) return null;
    String t = s.toLowerCase(Locale.ROOT);
    for (Scenario sc : values()) if (sc.wire.equals(t)) return sc;
    return null;
  }
}
