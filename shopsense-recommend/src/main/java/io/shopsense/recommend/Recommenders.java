package io.shopsense.recommend;

import io.shopsense.core.config.Config;
import io.shopsense.recommend.content.ContentTfIdf;
import io.shopsense.recommend.knn.ItemKnn;
import io.shopsense.recommend.knn.UserKnn;
import io.shopsense.recommend.linear.Ease;
import io.shopsense.recommend.mf.Bpr;
import io.shopsense.recommend.mf.ExplicitAls;
import io.shopsense.recommend.mf.ImplicitAls;
import io.shopsense.recommend.popular.Popularity;
import io.shopsense.recommend.popular.Trending;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The algorithms by name, as the CLI ({@code --algorithms popular,itemknn}) and configs name them.
 * Each factory reads and validates its own hyper-parameters from the config.
 */
public final class Recommenders {
  private static final Map<String, Function<Config, Recommender>> FACTORIES = new LinkedHashMap<>();

  static {
    // non-personal baselines
    FACTORIES.put(Popularity.NAME, Popularity::new);
    FACTORIES.put(Trending.NAME, Trending::new);
    // neighbourhood models
    FACTORIES.put(ItemKnn.NAME, ItemKnn::new);
    FACTORIES.put(UserKnn.NAME, UserKnn::new);
    // linear item-item
    FACTORIES.put(Ease.NAME, Ease::new);
    // content-based (item text; serves items without events)
    FACTORIES.put(ContentTfIdf.NAME, ContentTfIdf::new);
    // matrix factorization
    FACTORIES.put(ImplicitAls.NAME, ImplicitAls::new);
    FACTORIES.put(ExplicitAls.NAME, ExplicitAls::new);
    FACTORIES.put(Bpr.NAME, Bpr::new);
  }

  private Recommenders() {}

  /**
   * A new, unfitted algorithm.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a
   *     bad hyper-parameter (the message names the key)
   */
  public static Recommender create(String name, Config config) {
    Function<Config, Recommender> f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + String.join(", ", FACTORIES.keySet()));
    }
    return f.apply(config);
  }

  /** The registered names, in registration order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(FACTORIES.keySet());
  }
}
