package io.shopsense.recommend.blend;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Candidate;
import io.shopsense.recommend.ItemCategories;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Blends several fitted models into one candidate list with provenance, with fallback so that a
 * shopper or item the models know nothing about still gets a full list.
 *
 * <p>Tiers, in order, each filling the slots the ones before left:
 * <ol>
 *   <li><b>Blend</b> of the weighted sources (when the request has data: a user with a non-empty
 *       row, a non-empty item set): each source's top {@code max(k, blend.candidates)} items that it
 *       scores above 0 and the filter accepts are normalised ({@code blend.normalization}: {@code rank},
 *       {@code 1 - r/M} for rank r of M, or {@code minmax}), then summed with the source weights; the
 *       candidate's {@code source} is the one that contributed most.</li>
 *   <li><b>Fallbacks</b> in the order added, each taking its best items scored above 0; a
 *       {@linkplain Builder#categoryFallback category fallback} only within the request's category
 *       (the category holding most of the user's or item set's weight, or the item's own for
 *       {@link #similar}).</li>
 *   <li><b>Catalog</b> order, so the list is never shorter than k while the filter accepts enough
 *       items.</li>
 * </ol>
 * Scores are mapped so that every tier ranks below the one before: with T tiers, an item at
 * normalised score x in tier t scores {@code (T - 1 - t + x) / T}, in [0, 1]; the list order is
 * authoritative. {@code k} larger than the catalog is clamped to it; k below 1 is rejected.
 * Immutable and thread-safe if the models are.
 */
public final class Blender {
  /** How each source's scores are made comparable before weighting. */
  public enum Normalization { RANK, MINMAX }

  private record Source(String name, TrainedModel model, double weight) {}

  private record Fallback(String name, TrainedModel model, boolean inCategory) {}

  private final InteractionMatrix data;
  private final ItemCategories categories;
  private final List<Source> sources;
  private final List<Fallback> fallbacks;
  private final Normalization normalization;
  private final int candidates;

  private Blender(Builder b) {
    data = b.data;
    categories = b.categories;
    sources = List.copyOf(b.sources);
    fallbacks = List.copyOf(b.fallbacks);
    normalization = b.normalization;
    candidates = b.candidates;
  }

  /** A builder over the training matrix (its item ids name the candidates; its rows are the users' data). */
  public static Builder builder(InteractionMatrix data) {
    return new Builder(data);
  }

  /**
   * The top k items for a user index (-1 or any index outside the matrix for an unknown user).
   *
   * @param filter accepts the items that may be returned (e.g. not yet bought, in stock); null accepts all
   */
  public List<Candidate> recommend(int user, int k, IntPredicate filter) {
    boolean known = user >= 0 && user < data.rows() && data.rowLength(user) > 0;
    String category = null;
    if (known) {
      int s = data.rowStart(user), e = data.rowEnd(user);
      category = dominantCategory(Arrays.copyOfRange(data.colIndex(), s, e),
          Arrays.copyOfRange(data.values(), s, e));
    }
    int u = known ? user : -1;
    return run(known, (m, out) -> {
      m.scoreUser(u, out);
      return true;
    }, category, k, filter);
  }

  /**
   * The top k items for a set of item indices with weights (a session, a cart); null weights count
   * each item once. Sources that cannot score item sets sit this tier out.
   */
  public List<Candidate> recommendForItems(int[] items, float[] weights, int k, IntPredicate filter) {
    TrainedModel.checkItemSet(items, weights);
    int[] known = Arrays.stream(items).filter(i -> i >= 0 && i < data.cols()).toArray();
    String category = dominantCategory(items, weights);
    return run(known.length > 0, (m, out) -> {
      if (!m.canScoreItemSet()) return false;
      m.scoreItemSet(items, weights, out);
      return true;
    }, category, k, filter);
  }

  /** Items similar to one item (never the item itself), falling back within its category. */
  public List<Candidate> similar(int item, int k, IntPredicate filter) {
    IntPredicate notSelf = i -> i != item && (filter == null || filter.test(i));
    boolean known = item >= 0 && item < data.cols();
    String category = known ? categories.category(item) : null;
    return run(known, (m, out) -> {
      if (!m.canScoreItemSet()) return false;
      m.scoreItemSet(new int[] {item}, null, out);
      return true;
    }, category, k, notSelf);
  }

  /** Scores with a model for this request; false when the model cannot. */
  @FunctionalInterface
  private interface Scorer {
    boolean score(TrainedModel m, float[] out);
  }

  private List<Candidate> run(boolean hasData, Scorer scorer, String category, int k, IntPredicate filter) {
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
    int n = data.cols();
    int want = Math.min(k, n);
    int tiers = 2 + fallbacks.size();
    boolean[] chosen = new boolean[n];
    List<Candidate> out = new ArrayList<>(want);
    float[] scores = new float[n];
    IntPredicate base = i -> !chosen[i] && (filter == null || filter.test(i));
    if (hasData && !sources.isEmpty()) blend(scorer, scores, want, base, tiers, chosen, out);
    for (int f = 0; f < fallbacks.size() && out.size() < want; f++) {
      Fallback fb = fallbacks.get(f);
      if (fb.inCategory && category == null) continue;
      if (!scorer.score(fb.model, scores)) fb.model.scoreUser(-1, scores); // non-personal view
      IntPredicate p = fb.inCategory ? i -> base.test(i) && categories.within(i, category) : base;
      float[] s = scores;
      List<ScoredItem> top = TopK.select(s, want - out.size(), i -> s[i] > 0 && p.test(i));
      float[] x = normalise(top);
      String reason = fb.inCategory ? fb.name + " in " + category : fb.name + " overall";
      for (int r = 0; r < top.size(); r++) add(out, chosen, top.get(r).item(), tierScore(1 + f, x[r], tiers), fb.name, reason);
    }
    for (int i = 0; i < n && out.size() < want; i++) {
      if (base.test(i)) add(out, chosen, i, 0, "catalog", "catalog order");
    }
    return out;
  }

  private void blend(Scorer scorer, float[] scores, int want, IntPredicate base, int tiers, boolean[] chosen, List<Candidate> out) {
    int m = Math.max(want, candidates);
    Map<Integer, double[]> acc = new HashMap<>(); // item -> {blended, best contribution, best source}
    double used = 0;
    for (int si = 0; si < sources.size(); si++) {
      Source s = sources.get(si);
      if (!scorer.score(s.model, scores)) continue;
      used += s.weight;
      float[] sc = scores;
      List<ScoredItem> top = TopK.select(sc, m, i -> sc[i] > 0 && base.test(i));
      float[] x = normalise(top);
      for (int r = 0; r < top.size(); r++) {
        double c = s.weight * x[r];
        double[] a = acc.computeIfAbsent(top.get(r).item(), key -> new double[] {0, -1, -1});
        a[0] += c;
        if (c > a[1]) {
          a[1] = c;
          a[2] = si;
        }
      }
    }
    if (acc.isEmpty()) return;
    List<Map.Entry<Integer, double[]>> list = new ArrayList<>(acc.entrySet());
    list.sort((p, q) -> p.getValue()[0] != q.getValue()[0] ? Double.compare(q.getValue()[0], p.getValue()[0])
        : Integer.compare(p.getKey(), q.getKey()));
    for (int r = 0; r < list.size() && out.size() < want; r++) {
      var e = list.get(r);
      add(out, chosen, e.getKey(), tierScore(0, e.getValue()[0] / used, tiers), sources.get((int) e.getValue()[2]).name, null);
    }
  }

  private float[] normalise(List<ScoredItem> top) {
    int m = top.size();
    float[] x = new float[m];
    if (m == 0) return x;
    if (normalization == Normalization.RANK) {
      for (int r = 0; r < m; r++) x[r] = 1f - (float) r / m;
    } else {
      float max = top.get(0).score(), min = top.get(m - 1).score();
      for (int r = 0; r < m; r++) x[r] = max > min ? (top.get(r).score() - min) / (max - min) : 1f;
    }
    return x;
  }

  private static double tierScore(int tier, double x, int tiers) {
    return (tiers - 1 - tier + x) / tiers;
  }

  private void add(List<Candidate> out, boolean[] chosen, int item, double score, String source, String reason) {
    chosen[item] = true;
    out.add(new Candidate(data.colIds().id(item), score, source, reason));
  }

  /** The category holding most of the weight of the items (ties: the alphabetically first), or null. */
  private String dominantCategory(int[] items, float[] weights) {
    if (!categories.any()) return null;
    Map<String, Double> w = new HashMap<>();
    for (int t = 0; t < items.length; t++) {
      int i = items[t];
      if (i < 0 || i >= categories.numItems()) continue;
      String c = categories.category(i);
      if (c != null) w.merge(c, weights == null ? 1.0 : Math.abs(weights[t]), Double::sum);
    }
    String best = null;
    double bw = -1;
    for (var e : w.entrySet()) {
      if (e.getValue() > bw || (e.getValue() == bw && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bw = e.getValue();
      }
    }
    return best;
  }

  /** Assembles a {@link Blender}. */
  public static final class Builder {
    private final InteractionMatrix data;
    private ItemCategories categories;
    private final List<Source> sources = new ArrayList<>();
    private final List<Fallback> fallbacks = new ArrayList<>();
    private Normalization normalization = Normalization.RANK;
    private int candidates = 200;

    private Builder(InteractionMatrix data) {
      this.data = Objects.requireNonNull(data, "data");
      this.categories = ItemCategories.none(data.cols());
    }

    /** Reads {@code blend.normalization} and {@code blend.candidates}. */
    public Builder config(Config c) {
      normalization = Params.choice(c, "blend.normalization", Normalization.class);
      candidates = Params.intIn(c, "blend.candidates", 1, 1_000_000);
      return this;
    }

    /** The items' categories, needed by category fallbacks. */
    public Builder categories(ItemCategories c) {
      if (c.numItems() != data.cols()) throw new IllegalArgumentException("categories cover " + c.numItems() + " items, the matrix " + data.cols());
      categories = c;
      return this;
    }

    /** A blended source; weight must be positive. */
    public Builder add(String name, TrainedModel model, double weight) {
      if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("weight of source '" + name + "' must be positive, got " + weight);
      sources.add(new Source(name, check(model), weight));
      return this;
    }

    /** A fallback over the whole catalog. */
    public Builder fallback(String name, TrainedModel model) {
      fallbacks.add(new Fallback(name, check(model), false));
      return this;
    }

    /** A fallback restricted to the request's category (skipped when it has none). */
    public Builder categoryFallback(String name, TrainedModel model) {
      fallbacks.add(new Fallback(name, check(model), true));
      return this;
    }

    private TrainedModel check(TrainedModel m) {
      if (m.numItems() != data.cols()) throw new IllegalArgumentException(m.name() + " scores " + m.numItems() + " items, the matrix has " + data.cols());
      return m;
    }

    public Blender build() {
      return new Blender(this);
    }
  }
}
