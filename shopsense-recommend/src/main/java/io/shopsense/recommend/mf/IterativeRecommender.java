package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;

/**
 * A recommender fitted in iterations or epochs (ALS, ALS-WR, BPR) that can tell a listener after
 * each one, so a caller (the engine's training progress, benchmarks) can follow a long fit without
 * knowing the algorithm.
 */
public interface IterativeRecommender extends Recommender {
  /** Fits like {@link #fit(InteractionMatrix, TrainContext)}, telling the listener after every iteration. */
  TrainedModel fit(InteractionMatrix data, TrainContext ctx, TrainingListener listener);

  /** The unit the listener counts, for progress lines: {@code iteration} or {@code epoch}. */
  default String unit() {
    return "iteration";
  }
}
