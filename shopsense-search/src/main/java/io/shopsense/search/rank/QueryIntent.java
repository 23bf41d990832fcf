package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import io.shopsense.search.SearchHit;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The categories a query is after, learned from what shoppers clicked (1), carted (2) and bought
 * (3) after searching it. For a query with {@code n} weighted actions of which {@code n_c} were in
 * category {@code c}: {@code P(c | q) = (n_c + beta * f_c) / (n + beta)}, where {@code f} is the
 * fallback: the category distribution of the query's top BM25 hits (weight 1/rank over the first
 * 10), so a never-seen query still gets an intent and a rare one leans on it. O(1) per attributed
 * action; a lookup is O(categories of the query + 10).
 *
 * <p>Not thread-safe while being fed; read-only use is safe once feeding stops.
 */
public final class QueryIntent implements ImpressionTracker.Listener {
  /** The top BM25 hits that make the fallback distribution. */
  static final int FALLBACK_HITS = 10;

  private final Function<String, String> categoryOf;
  private final double beta;
  private final Map<String, Map<String, Double>> counts = new HashMap<>();
  private final Map<String, Double> totals = new HashMap<>();

  /**
   * @param categoryOf an item's category path by id (null when unknown)
   * @param beta weight of the fallback distribution, in actions ({@code rank.intent.prior})
   */
  public QueryIntent(Function<String, String> categoryOf, double beta) {
    if (!(beta > 0)) throw new IllegalArgumentException("rank.intent.prior must be > 0, got " + beta);
    this.categoryOf = categoryOf;
    this.beta = beta;
  }

  @Override
  public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
    String cat = categoryOf.apply(item);
    if (cat == null) return;
    counts.computeIfAbsent(imp.query(), k -> new HashMap<>()).merge(cat, (double) grade, Double::sum);
    totals.merge(imp.query(), (double) grade, Double::sum);
  }

  /**
   * The query's category distribution (full category path to probability), given its retrieved
   * hits for the fallback. Probabilities sum to 1 when there is any evidence, else the map is empty.
   */
  public Map<String, Double> distribution(String queryKey, List<SearchHit> hits) {
    Map<String, Double> fallback = fallback(hits);
    Map<String, Double> seen = counts.getOrDefault(queryKey, Map.of());
    double n = totals.getOrDefault(queryKey, 0.0);
    double fb = fallback.isEmpty() ? 0 : beta;
    Map<String, Double> out = new HashMap<>();
    if (n + fb == 0) return out;
    seen.forEach((c, v) -> out.merge(c, v / (n + fb), Double::sum));
    fallback.forEach((c, v) -> out.merge(c, fb * v / (n + fb), Double::sum));
    return out;
  }

  /** Category distribution of the top BM25 hits, weighted 1/rank (hybrid order when none has a BM25 rank). */
  static Map<String, Double> fallback(List<SearchHit> hits) {
    Map<String, Double> f = new HashMap<>();
    double total = 0;
    boolean anyBm25 = hits.stream().anyMatch(h -> h.bm25Rank() > 0);
    for (int i = 0; i < hits.size(); i++) {
      SearchHit h = hits.get(i);
      int rank = anyBm25 ? h.bm25Rank() : i + 1;
      if (rank <= 0 || rank > FALLBACK_HITS || h.category() == null) continue;
      f.merge(h.category(), 1.0 / rank, Double::sum);
      total += 1.0 / rank;
    }
    if (total > 0) {
      double t = total;
      f.replaceAll((k, v) -> v / t);
    }
    return f;
  }

  /** Queries with logged actions. */
  public int size() {
    return counts.size();
  }

  /** Writes the counts (sorted, so equal counts give equal bytes). */
  public void write(DataOutputStream out) throws IOException {
    out.writeDouble(beta);
    out.writeInt(counts.size());
    for (var q : new TreeMap<>(counts).entrySet()) {
      out.writeUTF(q.getKey());
      out.writeInt(q.getValue().size());
      for (var c : new TreeMap<>(q.getValue()).entrySet()) {
        out.writeUTF(c.getKey());
        out.writeDouble(c.getValue());
      }
    }
  }

  /** Reads what {@link #write} wrote; {@code categoryOf} serves further feeding. */
  public static QueryIntent read(DataInputStream in, Function<String, String> categoryOf) throws IOException {
    QueryIntent qi = new QueryIntent(categoryOf, in.readDouble());
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String q = in.readUTF();
      int k = in.readInt();
      Map<String, Double> m = new HashMap<>();
      double total = 0;
      for (int j = 0; j < k; j++) {
        String c = in.readUTF();
        double v = in.readDouble();
        m.put(c, v);
        total += v;
      }
      qi.counts.put(q, m);
      qi.totals.put(q, total);
    }
    return qi;
  }
}
