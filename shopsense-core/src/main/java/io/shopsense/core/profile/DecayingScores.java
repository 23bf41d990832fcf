package io.shopsense.core.profile;

import io.shopsense.core.matrix.Decay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores that fade with a half-life, updated in O(1) per contribution: every score is kept as its
 * value at a shared reference time, {@code score(t) = stored * 0.5^((t - ref) / halfLife)}, so a new
 * contribution {@code c} at time {@code t} adds {@code c * 2^((t - ref) / halfLife)} and nothing else
 * is touched. When that factor grows past 2^{@value #REBASE_HALF_LIVES} the scores are rescaled to
 * the new time once (amortised O(1), and doubles never overflow). This is forward decay with an
 * exponential function and a moving landmark: G. Cormode, V. Shkapenyuk, D. Srivastava, B. Xu,
 * "Forward Decay: A Practical Time Decay Model for Streaming Systems", ICDE 2009. Not thread-safe.
 */
final class DecayingScores {
  private static final double REBASE_HALF_LIVES = 64;
  private final double halfLifeMs; // 0: no decay
  private final HashMap<String, double[]> stored = new HashMap<>();
  private long ref;
  private boolean hasRef;

  DecayingScores(double halfLifeMs) {
    this.halfLifeMs = halfLifeMs;
  }

  /** Starts from scores valid at time {@code at}. */
  static DecayingScores of(Map<String, Double> scores, long at, double halfLifeMs) {
    DecayingScores d = new DecayingScores(halfLifeMs);
    d.ref = at;
    d.hasRef = true;
    scores.forEach((k, v) -> d.stored.put(k, new double[] {v}));
    return d;
  }

  /** Adds {@code amount} as of {@code time}; a null key adds nothing. */
  void add(String key, double amount, long time) {
    if (key == null || amount == 0) return;
    if (!hasRef) {
      ref = time;
      hasRef = true;
    }
    double halfLives = halfLifeMs > 0 ? (time - ref) / halfLifeMs : 0;
    if (halfLives > REBASE_HALF_LIVES) {
      rescaleTo(time);
      halfLives = 0;
    }
    double scaled = halfLives == 0 ? amount : amount * Decay.factor(-(double) (time - ref), halfLifeMs);
    stored.computeIfAbsent(key, k -> new double[1])[0] += scaled;
  }

  private void rescaleTo(long time) {
    double f = Decay.factor(time - ref, halfLifeMs);
    for (double[] v : stored.values()) v[0] *= f;
    ref = time;
  }

  /** The scores at {@code time}, highest first (ties by key), read-only. */
  Map<String, Double> at(long time) {
    if (stored.isEmpty()) return Map.of();
    double f = hasRef && time != ref ? Decay.factor(time - ref, halfLifeMs) : 1;
    List<Map.Entry<String, double[]>> es = new ArrayList<>(stored.entrySet());
    es.sort((a, b) -> {
      int c = Double.compare(b.getValue()[0], a.getValue()[0]);
      return c != 0 ? c : a.getKey().compareTo(b.getKey());
    });
    Map<String, Double> out = new LinkedHashMap<>(es.size() * 4 / 3 + 1);
    for (var e : es) out.put(e.getKey(), e.getValue()[0] * f);
    return Collections.unmodifiableMap(out);
  }
}
