package io.shopsense.recommend;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads and range-checks hyper-parameters, so every algorithm rejects a bad value the same way: a
 * {@link ConfigException} (an {@link IllegalArgumentException}) naming the key and the allowed range.
 */
public final class Params {
  private Params() {}

  /** An integer in [min, max]. */
  public static int intIn(Config c, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v, key);
    return v;
  }

  /** A finite number in [min, max]. */
  public static double doubleIn(Config c, String key, double min, double max) {
    double v = c.getDouble(key);
    if (!(v >= min && v <= max)) {
      throw new ConfigException(key + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + c.get(key), key);
    }
    return v;
  }

  /** One of the enum's constants, written in lower case in the config. */
  public static <E extends Enum<E>> E choice(Config c, String key, Class<E> type) {
    String v = c.get(key).toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) if (e.name().toLowerCase(Locale.ROOT).equals(v)) return e;
    String[] allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    throw new ConfigException(key + " must be one of " + String.join("|", allowed) + ", got '" + c.get(key) + "'", key);
  }

  private static String fmt(double d) {
    if (d == Double.MAX_VALUE) return "infinity";
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
