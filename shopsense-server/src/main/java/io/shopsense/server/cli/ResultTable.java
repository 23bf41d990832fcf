package io.shopsense.server.cli;

import io.shopsense.engine.api.ResultItem;
import java.util.List;
import java.util.Locale;

/** The table {@code search} and {@code recommend} print without {@code --json}. */
final class ResultTable {
  private ResultTable() {}

  static String format(List<ResultItem> results, boolean explain) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%3s  %-10s %-44s %10s  %-8s %-28s %-14s %8s%n", "#", "id", "title", "price", "shop",
        "category", "brand", "score"));
    int r = 1;
    for (ResultItem x : results) {
      sb.append(String.format(Locale.ROOT, "%3d  %-10s %-44s %10s  %-8s %-28s %-14s %8.4f%n", r++, cut(x.id(), 10), cut(x.title(), 44),
          x.price() == null ? "" : String.format(Locale.ROOT, "%.2f", x.price()), cut(x.shop(), 8), cut(x.category(), 28),
          cut(x.brand(), 14), x.score()));
      if (explain && x.reason() != null) sb.append(String.format(Locale.ROOT, "     %s: %s%n", x.source(), x.reason()));
    }
    if (results.isEmpty()) sb.append("(no results)\n");
    return sb.toString().stripTrailing();
  }

  private static String cut(String s, int n) {
    if (s == null) return "";
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
