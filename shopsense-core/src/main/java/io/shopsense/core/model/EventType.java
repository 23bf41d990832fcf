package io.shopsense.core.model;

import java.util.Locale;

/** The kinds of shopper behaviour the engine accepts; the wire name is the lower-case name. */
public enum EventType {
  VIEW, CLICK, ADD_TO_CART, REMOVE_FROM_CART, PURCHASE, RATE, REVIEW, FAVORITE, SEARCH, IMPRESSION;

  private static final EventType[] VALUES = values();

  // computed once: the store writes and reads one per event
  private final String wire = name().toLowerCase(Locale.ROOT);

  /** The name used in JSON and in the store, e.g. {@code add_to_cart}. */
  public String wireName() {
    return wire;
  }

  /** Parses a wire name; returns null when the name is not an event type. */
  public static EventType fromWire(String s) {
    if (s == null) return null;
    for (EventType t : VALUES) if (t.wireName().equals(s)) return t;
    return null;
  }

  /** True when the event is about one item and therefore needs an {@code item} field. */
  public boolean needsItem() {
    return this != SEARCH && this != IMPRESSION;
  }

  /** Dense code for compact storage (stable: the ordinal order above never changes). */
  public static EventType ofCode(int code) {
    return VALUES[code];
  }
}
