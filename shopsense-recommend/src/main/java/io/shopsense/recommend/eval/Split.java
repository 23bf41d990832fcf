package io.shopsense.recommend.eval;

import java.util.Objects;

/**
 * A training log and the test set held out from it, over the same indexes.
 *
 * @param name what the split is, e.g. {@code holdout(0.2, seed 42)} or {@code u1.base/u1.test}
 * @param train the interactions models are fitted on
 * @param test the held-out users and items
 */
public record Split(String name, InteractionLog train, TestSet test) {
  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
  }
}
