package io.shopsense.recommend.knn;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * User-based collaborative filtering (Resnick et al., "GroupLens", CSCW 1994; Herlocker et al.,
 * "An algorithmic framework for performing collaborative filtering", SIGIR 1999): each user keeps
 * the {@code userknn.neighbors} most similar users under {@code userknn.similarity}
 * ({@link Similarity}) with {@code userknn.shrinkage}; the score of item j for user u is
 * {@code r̂_uj = sum_{v in N(u)} sim(u,v) r_vj}, the similarity-weighted sum of the neighbours'
 * interactions. Users with no positive similarity to anyone score 0 everywhere (a blender falls
 * back to popularity for them).
 * Fit O(sum over items of |column|^2 / threads + users * touched * log k), memory O(users * k);
 * score O(sum of the neighbours' row lengths).
 */
public final class UserKnn implements Recommender {
  public static final String NAME = "userknn";
  private final KnnParams params;

  public UserKnn(Config config) {
    this.params = KnnParams.read(config, NAME);
  }

  @Override
  public String name() {
    return NAME;
  }

  public KnnParams params() {
    return params;
  }

  @Override
  public UserKnnModel fit(InteractionMatrix data, TrainContext ctx) {
    Neighbours n = NeighbourSearch.build(data, params.similarity(), params.neighbors(), params.shrinkage(),
        ctx.threads(), "userknn similarities");
    return new UserKnnModel(n, data);
  }

  @Override
  public UserKnnModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return UserKnnModel.read(in, data);
  }
}
