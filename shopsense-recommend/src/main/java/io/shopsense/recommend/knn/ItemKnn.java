package io.shopsense.recommend.knn;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Item-based collaborative filtering (Sarwar et al., "Item-based collaborative filtering
 * recommendation algorithms", WWW 2001; Deshpande and Karypis, "Item-based top-N recommendation
 * algorithms", TOIS 2004): each item keeps its {@code itemknn.neighbors} most similar items under
 * {@code itemknn.similarity} ({@link Similarity} gives the exact formulas) with
 * {@code itemknn.shrinkage}; a user's score for item j is {@code sum_{i in N(j)} sim(j,i) r_ui}.
 * Scores sets of items too (sessions, carts, similar items).
 * Fit O(sum over users of |row|^2 / threads + items * touched * log k), memory O(items * k);
 * score O(|row| * k).
 */
public final class ItemKnn implements Recommender {
  public static final String NAME = "itemknn";
  private final KnnParams params;

  public ItemKnn(Config config) {
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
  public ItemNeighbourModel fit(InteractionMatrix data, TrainContext ctx) {
    Neighbours n = NeighbourSearch.build(data.transpose(), params.similarity(), params.neighbors(), params.shrinkage(),
        ctx.threads(), "itemknn similarities");
    return new ItemNeighbourModel(NAME, n, data);
  }

  @Override
  public ItemNeighbourModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return ItemNeighbourModel.read(NAME, in, data);
  }
}
