package io.shopsense.recommend.mf;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;

/** Reads and range-checks hyper-parameters; a bad value fails naming its key and the allowed range. */
final class Params {
  private Params() {}

  static int intIn(Config c, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v, key);
    }
    return v;
  }

  static float nonNegative(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ConfigException(key + " must be a finite number >= 0, got " + c.get(key), key);
    }
    return (float) v;
  }

  static float positive(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new ConfigException(key + " must be a finite number > 0, got " + c.get(key), key);
    }
    return (float) v;
  }
}
