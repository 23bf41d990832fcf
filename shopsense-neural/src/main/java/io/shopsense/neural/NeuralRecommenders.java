package io.shopsense.neural;

import io.shopsense.core.config.Config;
import io.shopsense.neural.multvae.MultVae;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RecommenderProvider;
import java.util.Set;

/**
 * Registers this module's algorithms with {@code io.shopsense.recommend.Recommenders} (through
 * {@code META-INF/services}): {@code multvae}. Loads no deep-learning class; that happens when a
 * created algorithm is fitted.
 */
public final class NeuralRecommenders implements RecommenderProvider {
  @Override
  public Set<String> names() {
    return Set.of(MultVae.NAME);
  }

  @Override
  public Recommender create(String name, Config config) {
    if (name.equals(MultVae.NAME)) return new MultVae(config);
    throw new IllegalArgumentException("shopsense-neural has no algorithm '" + name + "'; it has " + names());
  }
}
