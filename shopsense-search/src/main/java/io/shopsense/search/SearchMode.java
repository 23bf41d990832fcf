package io.shopsense.search;

import java.util.Locale;

/** How candidates are retrieved: lexical BM25, vector similarity, or both fused by rank. */
public enum SearchMode {
  BM25, VECTOR, HYBRID;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code bm25|vector|hybrid}; throws naming the allowed values otherwise. */
  public static SearchMode parse(String s) {
    for (SearchMode m : values()) if (m.wireName().equalsIgnoreCase(s == null ? "" : s.trim())) return m;
    throw new InvalidQueryException("mode must be bm25, vector or hybrid, got '" + s + "'", "mode");
  }
}
