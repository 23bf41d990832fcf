package io.shopsense.search.eval;

import io.shopsense.recommend.eval.RankingMetrics;
import io.shopsense.search.rank.QueryKey;
import io.shopsense.search.rank.SearchLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges ranked lists against a logged search's labels: graded NDCG@k (linear gain = label, the
 * ideal built from every labelled item of the session, retrieved or not) and reciprocal rank of the
 * first labelled item within k; sums per method, over all searches and over synonym queries. Used by
 * {@code evaluate --task search} and by the engine's training (which judges its rankers on held-out
 * searches the same way).
 */
public final class Judge {
  private final int k;
  private final Set<String> synonyms;

  /**
   * @param k the cut-off of NDCG and MRR
   * @param synonyms normalised queries counted as synonym queries too (empty: none)
   */
  public Judge(int k, Set<String> synonyms) {
    this.k = k;
    this.synonyms = synonyms;
  }

  /** Sums of one method. */
  public static final class Totals {
    int searches;
    int synonymSearches;
    double ndcg;
    double mrr;
    double synNdcg;
    double synMrr;

    /** Searches judged. */
    public int searches() {
      return searches;
    }

    /** Mean NDCG@k, null before any search. */
    public Double ndcg() {
      return searches == 0 ? null : ndcg / searches;
    }

    /** {@code ndcg}, {@code mrr}, {@code syn_ndcg}, {@code syn_mrr} (null when nothing was judged). */
    public Map<String, Double> metrics() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("ndcg", searches == 0 ? null : ndcg / searches);
      m.put("mrr", searches == 0 ? null : mrr / searches);
      m.put("syn_ndcg", synonymSearches == 0 ? null : synNdcg / synonymSearches);
      m.put("syn_mrr", synonymSearches == 0 ? null : synMrr / synonymSearches);
      return m;
    }
  }

  /** Judges one ranked list against the session's labels. */
  public void add(Totals t, SearchLog.SearchSession s, List<String> ranked) {
    int n = Math.min(k, ranked.size());
    double[] gains = new double[n];
    boolean[] hits = new boolean[n];
    for (int i = 0; i < n; i++) {
      gains[i] = s.label(ranked.get(i));
      hits[i] = gains[i] > 0;
    }
    double[] ideal = s.labels().values().stream().mapToDouble(Integer::doubleValue).toArray();
    double ndcg = RankingMetrics.ndcg(gains, k, ideal);
    double rr = RankingMetrics.reciprocalRank(hits, k);
    t.searches++;
    t.ndcg += ndcg;
    t.mrr += rr;
    if (synonyms.contains(QueryKey.of(s.query()))) {
      t.synonymSearches++;
      t.synNdcg += ndcg;
      t.synMrr += rr;
    }
  }
}
