package io.shopsense.recommend.popular;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ItemCategories;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Most-popular baseline: ranks items by how many distinct users interacted with them
 * ({@code popular.mode=users}, the baseline of He et al., "Neural Collaborative Filtering", WWW 2017,
 * whose published HR@10 the evaluator reproduces) or by the sum of interaction weights
 * ({@code popular.mode=weight}, which follows the event-type weights and time decay of the matrix).
 * With a catalog it also answers per category ({@link PopularityModel#recommendInCategory}).
 * Fit O(nnz + items), score O(items).
 */
public final class Popularity implements Recommender {
  /** What is counted per item. */
  public enum Mode { USERS, WEIGHT }

  public static final String NAME = "popular";
  private final Mode mode;

  public Popularity(Config config) {
    this.mode = Params.choice(config, "popular.mode", Mode.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public PopularityModel fit(InteractionMatrix data, TrainContext ctx) {
    return new PopularityModel(NAME, itemTotals(data, mode), ItemCategories.of(data.colIds(), ctx.catalog()));
  }

  /** Per item: the number of users (rows) holding it, or the sum of its weights. O(nnz). */
  static float[] itemTotals(InteractionMatrix data, Mode mode) {
    double[] acc = new double[data.cols()];
    int[] cols = data.colIndex();
    float[] vals = data.values();
    for (int p = 0; p < cols.length; p++) acc[cols[p]] += mode == Mode.USERS ? 1.0 : vals[p];
    float[] out = new float[acc.length];
    for (int i = 0; i < acc.length; i++) out[i] = (float) acc[i];
    return out;
  }

  @Override
  public TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return PopularityModel.read(NAME, in, data);
  }
}
