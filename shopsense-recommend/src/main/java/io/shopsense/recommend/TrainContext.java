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
 * @param catalog the items (for content-based models), may be empty
 * @param times per-item creation time or last interaction, by item index, may be null (trending)
 */
public record TrainContext(Config config, long seed, int threads, List<Item> catalog, long[] times) {
  public TrainContext {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    catalog = catalog == null ? List.of() : catalog;
  }

  /** Defaults: default config, seed 42, all cores, no catalog. */
  public static TrainContext defaults() {
    return new TrainContext(Config.defaults(), 42L, Runtime.getRuntime().availableProcessors(), List.of(), null);
  }

  public TrainContext withConfig(Config c) {
    return new TrainContext(c, seed, threads, catalog, times);
  }
}
