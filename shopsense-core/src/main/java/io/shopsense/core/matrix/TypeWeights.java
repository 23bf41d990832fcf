package io.shopsense.core.matrix;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.model.EventType;
import java.util.Arrays;

/**
 * How much one event of each type says about a shopper's interest, from the {@code weight.<type>}
 * keys (view &lt; click &lt; cart &lt; purchase by default). A weight of 0 drops the type. Shared by
 * the interaction matrix and the user profiles so both read the same signal. Immutable.
 */
public final class TypeWeights {
  private static final EventType[] TYPES = EventType.values();
  private final double[] weights;

  private TypeWeights(double[] weights) {
    this.weights = weights;
  }

  /**
   * Reads {@code weight.<wire name>} for every event type.
   *
   * @throws ConfigException when a weight is negative or not a finite number
   */
  public static TypeWeights from(Config config) {
    double[] w = new double[TYPES.length];
    for (EventType t : TYPES) {
      String key = "weight." + t.wireName();
      double v = config.getDouble(key);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new ConfigException("config key '" + key + "' must be a finite number >= 0, got " + v, key);
      }
      w[t.ordinal()] = v;
    }
    return new TypeWeights(w);
  }

  /** Weights given in {@link EventType} ordinal order (tests and programmatic use). */
  public static TypeWeights of(double... byOrdinal) {
    if (byOrdinal.length != TYPES.length) {
      throw new IllegalArgumentException("need " + TYPES.length + " weights, got " + byOrdinal.length);
    }
    for (double v : byOrdinal) {
      if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("weights must be finite and >= 0: " + v);
    }
    return new TypeWeights(byOrdinal.clone());
  }

  public double weight(EventType type) {
    return weights[type.ordinal()];
  }

  /** Weight by {@link EventType} ordinal (hot loops). */
  public double weight(int ordinal) {
    return weights[ordinal];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeWeights t && Arrays.equals(weights, t.weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TypeWeights{");
    for (EventType t : TYPES) sb.append(t.wireName()).append('=').append(weights[t.ordinal()]).append(t.ordinal() + 1 < TYPES.length ? ", " : "}");
    return sb.toString();
  }
}
