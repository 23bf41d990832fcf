package io.shopsense.search.index;

import io.shopsense.search.InvalidQueryException;
import io.shopsense.search.SearchRequest;

/**
 * Validates a request before any search work: a clear {@link InvalidQueryException} for what the
 * caller must change, never a Lucene exception. The text itself is never parsed as query syntax
 * (queries are built from analysed tokens), so {@code "(*:} and unbalanced quotes are just text.
 */
final class QueryText {
  /** Deepest result a request may page to (beyond it, narrow the query). */
  static final int MAX_WINDOW = 10_000;

  private QueryText() {}

  /**
   * The query with control characters turned into spaces and trimmed.
   *
   * @throws InvalidQueryException when it is empty or longer than {@code maxChars}
   */
  static String clean(String raw, int maxChars) {
    if (raw == null || raw.isBlank()) throw new InvalidQueryException("query must not be empty", "q");
    StringBuilder sb = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    String s = sb.toString().strip();
    if (s.isEmpty()) throw new InvalidQueryException("query must not be empty", "q");
    int len = s.codePointCount(0, s.length());
    if (len > maxChars) {
      throw new InvalidQueryException("query is too long: " + len + " characters (at most " + maxChars + ")", "q");
    }
    return s;
  }

  /** Checks page, size and price range. */
  static void validate(SearchRequest r, int maxPageSize) {
    if (r.page() < 0) throw new InvalidQueryException("page must be >= 0, got " + r.page(), "page");
    if (r.size() < 1 || r.size() > maxPageSize) {
      throw new InvalidQueryException("size must be between 1 and " + maxPageSize + ", got " + r.size(), "n");
    }
    if (((long) r.page() + 1) * r.size() > MAX_WINDOW) {
      throw new InvalidQueryException("page too deep: results are available up to number " + MAX_WINDOW, "page");
    }
    checkPrice(r.minPrice(), "min_price");
    checkPrice(r.maxPrice(), "max_price");
    if (r.minPrice() != null && r.maxPrice() != null && r.minPrice() > r.maxPrice()) {
      throw new InvalidQueryException("min_price " + r.minPrice() + " is above max_price " + r.maxPrice(), "min_price");
    }
  }

  private static void checkPrice(Double p, String field) {
    if (p != null && (p.isNaN() || p < 0)) throw new InvalidQueryException(field + " must be a number >= 0", field);
  }
}
