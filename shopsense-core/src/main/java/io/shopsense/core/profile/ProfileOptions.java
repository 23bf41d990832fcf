package io.shopsense.core.profile;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.Decay;
import io.shopsense.core.matrix.TypeWeights;

/**
 * How events update a {@link UserProfile}.
 *
 * @param weights affinity added per event type ({@code weight.<type>}, the same keys as the matrix)
 * @param halfLifeDays affinity half-life in days, 0 = no decay ({@code profile.half_life_days})
 * @param recentItems cap of the recent items and of the session's items ({@code profile.recent_items})
 * @param recentQueries cap of the recent queries ({@code profile.recent_queries})
 * @param sessionGapMinutes inactivity that ends a session ({@code profile.session_gap_minutes})
 */
public record ProfileOptions(TypeWeights weights, double halfLifeDays, int recentItems, int recentQueries,
    int sessionGapMinutes) {

  public ProfileOptions {
    Decay.halfLifeMs(halfLifeDays); // validates
    if (recentItems < 1 || recentQueries < 0 || sessionGapMinutes < 1) {
      throw new IllegalArgumentException("recentItems >= 1, recentQueries >= 0 and sessionGapMinutes >= 1 needed");
    }
  }

  /** Reads {@code weight.*} and {@code profile.*}. */
  public static ProfileOptions from(Config c) {
    double hl = c.getDouble("profile.half_life_days");
    if (!(hl >= 0) || Double.isInfinite(hl)) {
      throw new ConfigException("config key 'profile.half_life_days' must be a number of days >= 0, got " + hl,
          "profile.half_life_days");
    }
    return new ProfileOptions(TypeWeights.from(c), hl, atLeast(c, "profile.recent_items", 1),
        atLeast(c, "profile.recent_queries", 0), atLeast(c, "profile.session_gap_minutes", 1));
  }

  public static ProfileOptions defaults() {
    return from(Config.defaults());
  }

  private static int atLeast(Config c, String key, int min) {
    int v = c.getInt(key);
    if (v < min) throw new ConfigException("config key '" + key + "' must be >= " + min + ", got " + v, key);
    return v;
  }

  double halfLifeMs() {
    return Decay.halfLifeMs(halfLifeDays);
  }

  long sessionGapMs() {
    return sessionGapMinutes * 60_000L;
  }
}
