package io.shopsense.recommend.knn;

import io.shopsense.core.config.Config;
import io.shopsense.recommend.Params;

/**
 * The hyper-parameters shared by item- and user-kNN, read from {@code <prefix>.neighbors},
 * {@code <prefix>.similarity} and {@code <prefix>.shrinkage}.
 */
public record KnnParams(int neighbors, Similarity similarity, double shrinkage) {
  /** Most neighbours one row may keep; beyond this the model size, not quality, dominates. */
  public static final int MAX_NEIGHBORS = 100_000;

  public static KnnParams read(Config c, String prefix) {
    return new KnnParams(
        Params.intIn(c, prefix + ".neighbors", 1, MAX_NEIGHBORS),
        Params.choice(c, prefix + ".similarity", Similarity.class),
        Params.doubleIn(c, prefix + ".shrinkage", 0, 1e9));
  }
}
