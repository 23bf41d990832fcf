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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * The algorithms by name, as the CLI ({@code --algorithms popular,itemknn}) and configs name them.
 * Each factory reads and validates its own hyper-parameters from the config. Besides the built-in
 * algorithms below, every {@link RecommenderProvider} on the classpath adds its names (after the
 * built-ins, in class-path order); a name defined twice is an error when the providers load.
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

  /** The plug-ins, loaded on first use (a holder class, so built-in-only callers never scan). */
  private static final class Plugins {
    static final Map<String, RecommenderProvider> BY_NAME = load();
    static final Set<String> ALL_NAMES;

    static {
      Set<String> all = new LinkedHashSet<>(FACTORIES.keySet());
      all.addAll(BY_NAME.keySet());
      ALL_NAMES = Collections.unmodifiableSet(all);
    }

    private static Map<String, RecommenderProvider> load() {
      Map<String, RecommenderProvider> m = new LinkedHashMap<>();
      for (RecommenderProvider p : ServiceLoader.load(RecommenderProvider.class, Recommenders.class.getClassLoader())) {
        for (String name : p.names()) {
          RecommenderProvider before = m.putIfAbsent(name, p);
          if (FACTORIES.containsKey(name) || before != null) {
            throw new IllegalStateException("algorithm name '" + name + "' of " + p.getClass().getName()
                + " is already defined by " + (before != null ? before.getClass().getName() : "shopsense-recommend"));
          }
        }
      }
      return m;
    }
  }

  /**
   * A new, unfitted algorithm.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a
   *     bad hyper-parameter (the message names the key)
   */
  public static Recommender create(String name, Config config) {
    Function<Config, Recommender> f = FACTORIES.get(name);
    if (f != null) return f.apply(config);
    RecommenderProvider p = Plugins.BY_NAME.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + String.join(", ", names()));
    }
    return p.create(name, config);
  }

  /** The registered names: the built-ins in registration order, then the plug-ins' ({@link RecommenderProvider}). */
  public static Set<String> names() {
    return Plugins.ALL_NAMES;
  }
}
