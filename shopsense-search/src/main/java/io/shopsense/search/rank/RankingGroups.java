package io.shopsense.search.rank;

import io.shopsense.core.profile.UserProfile;
import io.shopsense.search.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, during a {@link SearchReplay}, one group per logged search: the candidates that
 * retrieval returns for its query (items that existed then), their feature rows as of that moment,
 * their graded labels from the session and the position each was shown at (-1 when the logged list
 * did not show it). Candidates are re-retrieved rather than taken from the log, so training sees
 * what serving will re-rank and evaluation judges every method on the same labels.
 */
public final class RankingGroups implements SearchReplay.Visitor {
  /**
   * One search's candidates.
   *
   * @param features row-major feature rows, one per hit
   * @param labels graded label per hit (0-3)
   * @param positions logged position per hit, -1 when not shown
   */
  public record Group(SearchLog.SearchSession session, List<SearchHit> hits, float[] features, int[] labels,
      int[] positions) {
    public boolean hasPositive() {
      for (int l : labels) if (l > 0) return true;
      return false;
    }

    /** The hit ids as the ranker orders them on these feature rows (ties keep retrieval order). */
    public List<String> order(Ranker ranker, float[] rows) {
      int n = hits.size();
      double[] sc = ranker.score(rows, n);
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) idx[i] = i;
      java.util.Arrays.sort(idx, (a, b) -> sc[a] != sc[b] ? Double.compare(sc[b], sc[a]) : Integer.compare(a, b));
      List<String> out = new ArrayList<>(n);
      for (int i : idx) out.add(hits.get(i).id());
      return out;
    }

    /** The hit ids in retrieval order (no re-ranking). */
    public List<String> retrievalOrder() {
      return hits.stream().map(SearchHit::id).toList();
    }
  }

  private final java.util.function.Function<SearchLog.SearchSession, RankingFeatures> features;
  private final Retriever retriever;
  private final int depth;
  private final boolean positivesOnly;
  private final List<Group> groups = new ArrayList<>();

  /**
   * @param features the feature computation for a search (training and held-out searches may use
   *     different collaborative models, see {@link RankerTrainer})
   * @param retriever candidate retrieval (cache it: the same queries recur)
   * @param depth candidates per search ({@code rank.candidates})
   * @param positivesOnly keep only groups with a positive candidate (the others teach a ranker nothing)
   */
  public RankingGroups(java.util.function.Function<SearchLog.SearchSession, RankingFeatures> features,
      Retriever retriever, int depth, boolean positivesOnly) {
    this.features = features;
    this.retriever = retriever;
    this.depth = depth;
    this.positivesOnly = positivesOnly;
  }

  @Override
  public void search(SearchLog.SearchSession s, UserProfile profile) {
    List<SearchHit> hits = Retriever.existingAt(retriever.retrieve(s.query(), depth), s.time());
    int n = hits.size();
    int[] labels = new int[n];
    int[] positions = new int[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      String id = hits.get(i).id();
      labels[i] = s.label(id);
      positions[i] = s.shown().indexOf(id);
      any |= labels[i] > 0;
    }
    if (n == 0 || (positivesOnly && !any)) return;
    float[] x = features.apply(s).compute(new RankingContext(s.query(), profile, s.time(), s.channel(), true), hits);
    groups.add(new Group(s, hits, x, labels, positions));
  }

  /** The collected groups, in time order (read-only). */
  public List<Group> groups() {
    return java.util.Collections.unmodifiableList(groups);
  }

  /** The groups as learning-to-rank data, positives weighted by inverse propensity of their shown position. */
  public TrainingSet trainingSet(PositionBias bias) {
    return trainingSet(groups, bias);
  }

  /** Any groups as learning-to-rank data (see {@link #trainingSet(PositionBias)}). */
  public static TrainingSet trainingSet(List<Group> groups, PositionBias bias) {
    TrainingSet.Builder b = new TrainingSet.Builder();
    for (Group g : groups) {
      int n = g.labels().length;
      float[] y = new float[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = g.labels()[i];
        w[i] = g.labels()[i] > 0 ? (float) bias.weight(g.positions()[i]) : 1f;
      }
      b.add(g.features(), y, w, n);
    }
    return b.build();
  }
}
