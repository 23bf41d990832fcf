package io.shopsense.recommend;

import io.shopsense.core.matrix.InteractionMatrix;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * An algorithm: fits a {@link TrainedModel} on a users x items matrix. Every algorithm (classic,
 * neural, Spark) plugs in here. Implementations validate their parameters in the constructor and
 * throw {@link IllegalArgumentException} naming the parameter.
 */
public interface Recommender {
  /** Short name used on the command line and in configs, e.g. {@code als}. */
  String name();

  /** Fits a model. The matrix is not modified. */
  TrainedModel fit(InteractionMatrix data, TrainContext ctx);

  /** Reads a model written by {@link TrainedModel#write}; {@code data} is the matrix it was fitted on. */
  TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException;
}
