package io.shopsense.search.rank;

import java.util.Locale;

/**
 * The form under which query statistics are counted: trimmed, lower-case, runs of white space
 * collapsed to one space, so "Running  Shoes" and "running shoes" share their click history.
 */
public final class QueryKey {
  private QueryKey() {}

  /** The key of a query; the empty string for null or blank text. */
  public static String of(String query) {
    if (query == null) return "";
    return query.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
