package io.shopsense.recommend;

import io.shopsense.core.config.Config;
import java.util.Set;

/**
 * A plug-in source of algorithms, found with {@link java.util.ServiceLoader}: a module lists its
 * implementation in {@code META-INF/services/io.shopsense.recommend.RecommenderProvider} and
 * {@link Recommenders} then knows its names, without this module depending on it (shopsense-neural
 * registers {@code multvae} this way). Implementations need a public no-argument constructor and
 * must stay cheap to construct: {@link Recommenders#names()} instantiates every provider, so heavy
 * libraries (a deep-learning engine) load only when a created algorithm is fitted.
 */
public interface RecommenderProvider {
  /** The algorithm names this provider creates; none may clash with another provider's or a built-in one. */
  Set<String> names();

  /**
   * A new, unfitted algorithm.
   *
   * @param name one of {@link #names()}
   * @throws IllegalArgumentException for a bad hyper-parameter (the message names the key)
   */
  Recommender create(String name, Config config);
}
