package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Ranks one test user's items with a fitted model and measures the list: the per-user half of
 * {@link Evaluator}. Full ranking scores the whole catalog and leaves out the user's training
 * items; sampled ranking orders only the given candidates. Ties are broken pessimistically: a
 * relevant item ranks below every irrelevant item with the same score, so a model that cannot tell
 * items apart earns nothing from the tie rule. Not thread-safe (one per worker thread).
 */
final class UserRanker {
  /** Per-user metrics, in this order in {@link Outcome#metrics}. */
  static final String[] METRICS = {"precision", "recall", "f1", "ndcg", "ndcg_graded", "map", "mrr", "hit_rate",
      "auc", "diversity"};

  /** One user's ranked list (item indices), metric values and rating errors. */
  record Outcome(int[] list, double[] metrics, double squaredError, double absoluteError, int predictions) {}

  private final TrainedModel model;
  private final InteractionMatrix train;
  private final TestSet test;
  private final int k;
  private final ItemDistance distance;
  private final boolean ratingPredictor;
  private final float[] scores;

  UserRanker(TrainedModel model, InteractionMatrix train, TestSet test, int k, ItemDistance distance,
      boolean ratingPredictor) {
    this.model = model;
    this.train = train;
    this.test = test;
    this.k = k;
    this.distance = distance;
    this.ratingPredictor = ratingPredictor;
    this.scores = new float[model.numItems()];
  }

  Outcome rank(int t) {
    int u = test.user(t);
    int[] rel = test.items(t);
    float[] grades = test.grades(t);
    model.scoreUser(u, scores);
    IntPredicate relevant = i -> Arrays.binarySearch(rel, i) >= 0;
    int[] list;
    double auc;
    int[] cand = test.candidates(t);
    if (cand != null) {
      float[] cs = new float[cand.length];
      for (int j = 0; j < cand.length; j++) cs[j] = scores[cand[j]];
      List<ScoredItem> top = TopK.select(cs, k, null, j -> relevant.test(cand[j]));
      list = top.stream().mapToInt(s -> cand[s.item()]).toArray();
      auc = auc(cs, j -> relevant.test(cand[j]), j -> true);
    } else {
      int s = train.rowStart(u), e = train.rowEnd(u);
      int[] cols = train.colIndex();
      IntPredicate allowed = i -> Arrays.binarySearch(cols, s, e, i) < 0;
      list = TopK.select(scores, k, allowed, relevant).stream().mapToInt(ScoredItem::item).toArray();
      auc = auc(scores, relevant, allowed);
    }
    // relevant items that are also training items can never be ranked: they count as misses
    boolean[] hits = RankingMetrics.hits(list, relevant);
    double[] m = new double[METRICS.length];
    m[0] = RankingMetrics.precision(hits, k);
    m[1] = RankingMetrics.recall(hits, k, rel.length);
    m[2] = RankingMetrics.f1(m[0], m[1]);
    m[3] = RankingMetrics.ndcg(hits, k, rel.length);
    double[] gains = new double[list.length];
    for (int j = 0; j < list.length; j++) {
      int p = Arrays.binarySearch(rel, list[j]);
      gains[j] = p >= 0 ? grades[p] : 0;
    }
    double[] all = new double[grades.length];
    for (int j = 0; j < grades.length; j++) all[j] = grades[j];
    m[4] = RankingMetrics.ndcg(gains, k, all);
    m[5] = RankingMetrics.averagePrecision(hits, k, rel.length);
    m[6] = RankingMetrics.reciprocalRank(hits, k);
    m[7] = RankingMetrics.hitRate(hits, k);
    m[8] = auc;
    m[9] = ListMetrics.intraListDiversity(list, distance);
    double se = 0, ae = 0;
    if (ratingPredictor) {
      for (int j = 0; j < rel.length; j++) {
        double d = scores[rel[j]] - grades[j];
        se += d * d;
        ae += Math.abs(d);
      }
    }
    return new Outcome(list, m, se, ae, ratingPredictor ? rel.length : 0);
  }

  /** AUC of the relevant items against the other allowed entries of a score array. */
  private static double auc(float[] s, IntPredicate relevant, IntPredicate allowed) {
    int np = 0, nn = 0;
    float[] pos = new float[16];
    float[] neg = new float[Math.max(16, s.length)];
    for (int i = 0; i < s.length; i++) {
      if (relevant.test(i)) {
        if (!allowed.test(i)) continue;
        if (np == pos.length) pos = Arrays.copyOf(pos, np * 2);
        pos[np++] = s[i];
      } else if (allowed.test(i)) {
        neg[nn++] = s[i];
      }
    }
    return RankingMetrics.auc(Arrays.copyOf(pos, np), Arrays.copyOf(neg, nn));
  }
}
