package io.shopsense.engine.snapshot;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.TypeWeights;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.eval.RankingMetrics;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Leave-last-out holdout on a sample of shoppers: for up to {@code engine.eval_users} shoppers with at
 * least two distinct items (chosen by a seeded hash of their id, so the sample is stable across
 * runs), every event on their latest item is kept out of the training matrix; each model then ranks
 * the whole catalog minus the shopper's training items, and HR@10 and NDCG@10 (one relevant item;
 * formulas of {@link RankingMetrics}) are averaged over the sampled shoppers.
 *
 * <p>The published models are the ones fitted without the held-out pairs, so the figures describe
 * exactly what is served; the sampled shoppers lose one interaction each from the collaborative
 * models (their live session still has it). Cost O(sample x items) per model.
 */
final class Holdout {
  static final int K = 10;
  private final TrainingData data;
  private final Map<Integer, Integer> heldItem = new LinkedHashMap<>(); // user -> item (TrainingData indexes)
  private final Set<Long> excluded = new HashSet<>();

  private Holdout(TrainingData data) {
    this.data = data;
  }

  static Holdout choose(TrainingData d, TypeWeights weights, int maxUsers, long seed) {
    Holdout h = new Holdout(d);
    if (maxUsers <= 0) return h;
    int nu = d.users.size();
    int[] first = new int[nu];
    int[] last = new int[nu];
    long[] lastTime = new long[nu];
    boolean[] multi = new boolean[nu];
    Arrays.fill(first, -1);
    Arrays.fill(last, -1);
    for (int r = 0; r < d.n; r++) {
      int i = d.item[r];
      if (i < 0 || weights.weight(d.type[r]) <= 0) continue;
      int u = d.user[r];
      if (first[u] < 0) first[u] = i;
      else if (first[u] != i) multi[u] = true;
      if (last[u] < 0 || d.time[r] >= lastTime[u]) {
        last[u] = i;
        lastTime[u] = d.time[r];
      }
    }
    // stable pseudo-random order of eligible users: sort by a seeded hash of the id
    long[] keyed = new long[nu];
    int m = 0;
    for (int u = 0; u < nu; u++) {
      if (!multi[u]) continue;
      long hsh = mix(d.users.id(u).hashCode() ^ seed);
      keyed[m++] = (hsh & 0xffffffff00000000L) | u;
    }
    long[] sorted = Arrays.copyOf(keyed, m);
    Arrays.sort(sorted);
    for (int t = 0; t < Math.min(maxUsers, m); t++) {
      int u = (int) (sorted[t] & 0xffffffffL);
      h.heldItem.put(u, last[u]);
      h.excluded.add(((long) u << 32) | last[u]);
    }
    return h;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  int size() {
    return heldItem.size();
  }

  /** True when event r is held out of training. */
  boolean excludes(int r) {
    return data.item[r] >= 0 && !excluded.isEmpty() && excluded.contains(((long) data.user[r] << 32) | data.item[r]);
  }

  /** HR@10, NDCG@10 and the number of shoppers measured, for one model fitted on {@code train}. */
  Map<String, Double> evaluate(TrainedModel model, InteractionMatrix train) {
    float[] s = new float[train.cols()];
    double hr = 0, ndcg = 0;
    int users = 0;
    for (var e : heldItem.entrySet()) {
      int row = train.rowIds().get(data.users.id(e.getKey()));
      int col = train.colIds().get(data.items.id(e.getValue()));
      if (row < 0 || col < 0 || train.rowLength(row) == 0) continue;
      model.scoreUser(row, s);
      int[] cols = train.colIndex();
      for (int p = train.rowStart(row); p < train.rowEnd(row); p++) s[cols[p]] = Float.NEGATIVE_INFINITY;
      int[] list = TopK.select(s, K, null).stream().mapToInt(x -> x.item()).toArray();
      boolean[] hits = RankingMetrics.hits(list, i -> i == col);
      hr += RankingMetrics.hitRate(hits, K);
      ndcg += RankingMetrics.ndcg(hits, K, 1);
      users++;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("hr@" + K, users == 0 ? null : hr / users);
    m.put("ndcg@" + K, users == 0 ? null : ndcg / users);
    m.put("users", (double) users);
    return m;
  }
}
