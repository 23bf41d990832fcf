package io.shopsense.recommend.popular;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.recommend.Params;

/**
 * Accumulates the per-item trend that {@link Trending} is fitted from: each event in the window
 * {@code [now - trending.window_days, now]} adds its type weight ({@code weight.<type>}, the same
 * weights the interaction matrix uses) times {@code 2^(-age / trending.half_life_hours)}. Events
 * after {@code now} count as age 0. Feed it the event stream, then pass {@link #weights()} to
 * {@link io.shopsense.recommend.TrainContext#withItemTrend}. Not thread-safe.
 */
public final class TrendWeights {
  private final IdIndex items;
  private final long now;
  private final double halfLifeMs;
  private final long windowStart;
  private final double[] typeWeight = new double[EventType.values().length];
  private final double[] acc;

  /**
   * @param items the item index of the matrix the trend will go with
   * @param now the reference time in epoch ms (usually the newest event's time)
   */
  public TrendWeights(Config config, IdIndex items, long now) {
    validate(config);
    this.items = items;
    this.now = now;
    this.halfLifeMs = config.getDouble("trending.half_life_hours") * 3_600_000.0;
    this.windowStart = now - (long) (config.getDouble("trending.window_days") * 86_400_000.0);
    for (EventType t : EventType.values()) typeWeight[t.ordinal()] = config.getDouble("weight." + t.wireName());
    this.acc = new double[items.size()];
  }

  static void validate(Config config) {
    Params.doubleIn(config, "trending.half_life_hours", 0.01, 1e6);
    Params.doubleIn(config, "trending.window_days", 0.001, 1e5);
  }

  /** Adds one event; events without an item, on unknown items, outside the window or of weight 0 are skipped. */
  public void add(Event e) {
    if (e.item() == null) return;
    int i = items.get(e.item());
    if (i >= 0) add(i, typeWeight[e.type().ordinal()], e.time());
  }

  /** Adds a weight observed at a time for an item index. */
  public void add(int item, double weight, long time) {
    if (weight == 0 || time < windowStart) return;
    double age = Math.max(0, now - time);
    acc[item] += weight * Math.pow(2, -age / halfLifeMs);
  }

  /** The trend per item index. */
  public float[] weights() {
    float[] out = new float[acc.length];
    for (int i = 0; i < acc.length; i++) out[i] = (float) acc[i];
    return out;
  }
}
