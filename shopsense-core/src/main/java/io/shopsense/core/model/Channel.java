package io.shopsense.core.model;

import java.util.Locale;

/** Where a shopper acts: the app, the web site or the mini-program. */
public enum Channel {
  APP, WEB, MINI;

  private static final Channel[] VALUES = values();

  // computed once: the store writes and reads one per event
  private final String wire = name().toLowerCase(Locale.ROOT);

  /** Wire name, e.g. {@code mini}. */
  public String wireName() {
    return wire;
  }

  /** Parses a wire name; returns null when it is not a channel. */
  public static Channel fromWire(String s) {
    if (s == null) return null;
    for (Channel c : VALUES) if (c.wireName().equals(s)) return c;
    return null;
  }
}
