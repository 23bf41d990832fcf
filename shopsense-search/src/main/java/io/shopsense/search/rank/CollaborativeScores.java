package io.shopsense.search.rank;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.mf.FactorModel;
import io.shopsense.search.SearchHit;
import java.util.List;

/**
 * The collaborative feature: how well each candidate fits the shopper's recent items, from a
 * trained recommender. An ALS model ({@link FactorModel} that can fold in) folds the recent items
 * in as a user vector and takes its dot product with each candidate's factors (O(recent x f^2 +
 * candidates x f)); any other model that scores item sets (item-kNN) scores the whole catalog from
 * the recent items (O(catalog + recent x neighbours)) and the candidates are read off. The newest
 * recent items weigh most ({@code 0.9^position}). Thread-safe.
 */
public final class CollaborativeScores {
  private final TrainedModel model;
  private final IdIndex items;
  private final int recent;
  private final ThreadLocal<float[]> buffer;

  /**
   * @param model a model fitted on a matrix whose columns are {@code items}
   * @param items the model's item index
   * @param recent how many of the shopper's recent items to use
   */
  public CollaborativeScores(TrainedModel model, IdIndex items, int recent) {
    if (!model.canScoreItemSet()) throw new IllegalArgumentException(model.name() + " cannot score from a shopper's recent items");
    if (recent < 1) throw new IllegalArgumentException("recent items must be >= 1, got " + recent);
    this.model = model;
    this.items = items;
    this.recent = recent;
    this.buffer = ThreadLocal.withInitial(() -> new float[model.numItems()]);
  }

  /** Writes each hit's score into {@code out[0..hits.size())}; all 0 for a shopper without known recent items. */
  public void score(UserProfile profile, List<SearchHit> hits, float[] out) {
    java.util.Arrays.fill(out, 0, hits.size(), 0f);
    if (profile == null) return;
    List<String> r = profile.recentItems();
    int[] idx = new int[Math.min(recent, r.size())];
    float[] w = new float[idx.length];
    int n = 0;
    for (int k = 0; k < idx.length; k++) {
      int i = items.get(r.get(k));
      if (i < 0 || i >= model.numItems()) continue;
      idx[n] = i;
      w[n++] = (float) Math.pow(0.9, k);
    }
    if (n == 0) return;
    idx = java.util.Arrays.copyOf(idx, n);
    w = java.util.Arrays.copyOf(w, n);
    float[] all = buffer.get();
    if (model instanceof FactorModel fm && fm.canFoldIn()) {
      int[] at = new int[hits.size()]; // each hit's model column, or -1
      int[] cols = new int[hits.size()];
      int m = 0;
      for (int h = 0; h < at.length; h++) {
        int i = items.get(hits.get(h).id());
        at[h] = i >= 0 && i < fm.numItems() ? i : -1;
        if (at[h] >= 0) cols[m++] = i;
      }
      // the model's own kernel for the candidates only (what it would give scoring the whole catalog)
      fm.scoreVector(fm.foldInUser(idx, w), java.util.Arrays.copyOf(cols, m), all);
      for (int h = 0; h < at.length; h++) if (at[h] >= 0) out[h] = all[at[h]];
      return;
    }
    model.scoreItemSet(idx, w, all);
    for (int h = 0; h < hits.size(); h++) {
      int i = items.get(hits.get(h).id());
      if (i >= 0 && i < all.length) out[h] = all[i];
    }
  }
}
