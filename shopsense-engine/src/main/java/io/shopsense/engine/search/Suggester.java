package io.shopsense.engine.search;

import io.shopsense.core.model.Item;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.snapshot.QueryStat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query completion from past queries and item titles. Entries are kept sorted by their lower-case
 * text, so a prefix is a binary search plus a scan of the matching range (capped). Scores:
 * {@code 1 + ln(1 + searches)} for a query searched by at least {@code suggest.min_users} distinct
 * shoppers (one person's query is never shown to others), {@code 0.5 + 0.1 ln(1 + popularity)} for
 * a title; multiplied by {@code 1 + category affinity / strongest} for the shopper, and the
 * shopper's own recent queries come first. Immutable.
 */
public final class Suggester {
  private static final int MAX_SCAN = 20_000;
  private final String[] keys;
  private final String[] texts;
  private final double[] scores;
  private final String[] categories;

  public Suggester(List<QueryStat> queries, int minUsers, Collection<Item> items, Map<String, Float> popularity) {
    Map<String, Object[]> m = new HashMap<>();
    for (QueryStat q : queries) {
      if (q.users() < minUsers) continue;
      m.put(q.query(), new Object[] {q.query(), 1 + Math.log1p(q.count()), q.category()});
    }
    for (Item it : items) {
      if (it.title() == null || it.title().isBlank()) continue;
      String k = it.title().strip().toLowerCase(Locale.ROOT);
      if (k.length() > 200) continue;
      double s = 0.5 + 0.1 * Math.log1p(popularity.getOrDefault(it.id(), 0f));
      Object[] prev = m.get(k);
      if (prev == null || (double) prev[1] < s) m.put(k, new Object[] {it.title().strip(), s, it.category()});
    }
    String[] ks = m.keySet().toArray(new String[0]);
    Arrays.sort(ks);
    keys = ks;
    texts = new String[ks.length];
    scores = new double[ks.length];
    categories = new String[ks.length];
    for (int i = 0; i < ks.length; i++) {
      Object[] v = m.get(ks[i]);
      texts[i] = (String) v[0];
      scores[i] = (double) v[1];
      categories[i] = (String) v[2];
    }
  }

  public int size() {
    return keys.length;
  }

  /** Up to n completions of the prefix, best first. */
  public List<String> suggest(String prefix, LiveView live, int n) {
    String p = prefix.strip().toLowerCase(Locale.ROOT);
    Map<String, Double> out = new LinkedHashMap<>();
    if (live != null) {
      for (String q : live.profile().recentQueries()) {
        if (q.toLowerCase(Locale.ROOT).startsWith(p)) out.merge(q, 10.0 - out.size() * 0.01, Math::max);
      }
    }
    double mc = live == null ? 0 : live.maxAffinity("category");
    int i = Arrays.binarySearch(keys, p);
    if (i < 0) i = -i - 1;
    for (int scanned = 0; i < keys.length && scanned < MAX_SCAN && keys[i].startsWith(p); i++, scanned++) {
      double s = scores[i];
      if (mc > 0 && categories[i] != null) s *= 1 + live.affinity("category", categories[i]) / mc;
      out.merge(texts[i], s, Math::max);
    }
    List<Map.Entry<String, Double>> l = new ArrayList<>(out.entrySet());
    l.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Double.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()));
    List<String> res = new ArrayList<>();
    for (var e : l) {
      if (res.size() >= n) break;
      res.add(e.getKey());
    }
    return res;
  }
}
