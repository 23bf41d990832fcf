package io.shopsense.recommend;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Item;
import java.util.List;

/**
 * What an algorithm may use besides the matrix.
 *
 * @param config hyper-parameters ({@code als.factors}, ...)
 * @param seed random seed; same seed and threads give the same model
 * @param threads worker threads (at least 1)
 * @param catalog the items (for content-based models and per-category lists), may be empty
 * @param times per-item creation time or last interaction, by item index, may be null
 * @param itemTrend recency-weighted interaction weight per item index, may be null: the side input
 *     of {@code trending}, computed from events by {@link io.shopsense.recommend.popular.TrendWeights}
 *     (the interaction matrix carries no event times, so trending cannot be derived from it)
 */
public record TrainContext(Config config, long seed, int threads, List<Item> catalog, long[] times, float[] itemTrend) {
  public TrainContext {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    catalog = catalog == null ? List.of() : catalog;
  }

  /** The context without a trend input (the original five-argument form). */
  public TrainContext(Config config, long seed, int threads, List<Item> catalog, long[] times) {
    this(config, seed, threads, catalog, times, null);
  }

  /** Defaults: default config, seed 42, all cores, no catalog. */
  public static TrainContext defaults() {
    return new TrainContext(Config.defaults(), 42L, Runtime.getRuntime().availableProcessors(), List.of(), null, null);
  }

  public TrainContext withConfig(Config c) {
    return new TrainContext(c, seed, threads, catalog, times, itemTrend);
  }

  public TrainContext withThreads(int n) {
    return new TrainContext(config, seed, n, catalog, times, itemTrend);
  }

  public TrainContext withCatalog(List<Item> items) {
    return new TrainContext(config, seed, threads, items, times, itemTrend);
  }

  public TrainContext withItemTrend(float[] trend) {
    return new TrainContext(config, seed, threads, catalog, times, trend);
  }
}
