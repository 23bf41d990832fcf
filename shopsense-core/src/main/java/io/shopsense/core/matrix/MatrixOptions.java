package io.shopsense.core.matrix;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.model.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * How {@link MatrixBuilder} turns events into weights. See {@link MatrixBuilder} for the exact
 * definition of every option.
 *
 * @param weights per-type weight ({@code weight.<type>}; 0 drops the type)
 * @param halfLifeDays time-decay half-life in days relative to the reference time; 0 = no decay
 *     ({@code matrix.half_life_days})
 * @param ratingAsWeight rate events weigh their rating value instead of {@code weight.rate}
 *     ({@code matrix.rating_as_weight})
 * @param dedup per (user, item, type) only the latest event counts ({@code matrix.dedup}); when
 *     false every event adds its own weight
 * @param logRepeatTypes with dedup, these types count their repeats log-scaled,
 *     {@code 1 + ln(count)} ({@code matrix.log_repeat_types}, default {@code purchase})
 * @param minUserEvents users with fewer distinct items are dropped ({@code matrix.min_user_events}, at least 1)
 * @param minItemEvents items with fewer distinct users are dropped ({@code matrix.min_item_events}, at least 1)
 */
public record MatrixOptions(TypeWeights weights, double halfLifeDays, boolean ratingAsWeight, boolean dedup,
    Set<EventType> logRepeatTypes, int minUserEvents, int minItemEvents) {

  public MatrixOptions {
    Decay.halfLifeMs(halfLifeDays); // validates
    logRepeatTypes = logRepeatTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(logRepeatTypes));
    minUserEvents = Math.max(1, minUserEvents);
    minItemEvents = Math.max(1, minItemEvents);
  }

  /** Reads the {@code weight.*} and {@code matrix.*} keys. */
  public static MatrixOptions from(Config config) {
    double hl = config.getDouble("matrix.half_life_days");
    if (!(hl >= 0) || Double.isInfinite(hl)) {
      throw new ConfigException("config key 'matrix.half_life_days' must be a number of days >= 0, got " + hl,
          "matrix.half_life_days");
    }
    return new MatrixOptions(TypeWeights.from(config), hl, config.getBoolean("matrix.rating_as_weight"),
        config.getBoolean("matrix.dedup"), parseTypes(config, "matrix.log_repeat_types"),
        config.getInt("matrix.min_user_events"), config.getInt("matrix.min_item_events"));
  }

  /** The defaults of {@code shopsense-defaults.properties}. */
  public static MatrixOptions defaults() {
    return from(Config.defaults());
  }

  /** A copy with other minimum counts. */
  public MatrixOptions withMinCounts(int minUser, int minItem) {
    return new MatrixOptions(weights, halfLifeDays, ratingAsWeight, dedup, logRepeatTypes, minUser, minItem);
  }

  /** A copy with another half-life (0 switches decay off). */
  public MatrixOptions withHalfLifeDays(double days) {
    return new MatrixOptions(weights, days, ratingAsWeight, dedup, logRepeatTypes, minUserEvents, minItemEvents);
  }

  static Set<EventType> parseTypes(Config config, String key) {
    Set<EventType> s = EnumSet.noneOf(EventType.class);
    for (String part : config.get(key).split(",")) {
      String name = part.trim();
      if (name.isEmpty()) continue;
      EventType t = EventType.fromWire(name);
      if (t == null) throw new ConfigException("config key '" + key + "': unknown event type '" + name + "'", key);
      s.add(t);
    }
    return s;
  }
}
