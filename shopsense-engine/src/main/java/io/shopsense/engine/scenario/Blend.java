package io.shopsense.engine.scenario;

import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted sum of rank-normalised sources; each item keeps the provenance of the source that
 * contributed most to it. Fallback tiers are added below everything blended before them.
 */
final class Blend {
  private final Map<String, double[]> sum = new HashMap<>(); // id -> {score, best contribution}
  private final Map<String, Scored> best = new HashMap<>();
  private final List<Scored> tiers = new ArrayList<>();
  private int tier;

  /** Adds a source's list (scores in [0, 1]) with a weight. */
  Blend add(List<Scored> list, double weight) {
    if (weight <= 0) return this;
    for (Scored s : list) {
      double c = weight * s.score();
      double[] a = sum.computeIfAbsent(s.id(), k -> new double[] {0, -1});
      a[0] += c;
      if (c > a[1]) {
        a[1] = c;
        best.put(s.id(), s);
      }
    }
    return this;
  }

  /** Adds a fallback tier: every item ranks below all blended ones and earlier tiers. */
  Blend fallback(List<Scored> list) {
    tier++;
    for (Scored s : list) {
      if (!sum.containsKey(s.id())) tiers.add(s.withScore(s.score() - 10.0 * tier));
    }
    return this;
  }

  boolean isEmpty() {
    return sum.isEmpty();
  }

  int size() {
    return sum.size();
  }

  /** Scales blended items' scores by a factor (affinity boosts). */
  void scale(java.util.function.ToDoubleFunction<String> factor) {
    for (var e : sum.entrySet()) e.getValue()[0] *= factor.applyAsDouble(e.getKey());
  }

  List<Scored> result() {
    List<Scored> out = new ArrayList<>(sum.size() + tiers.size());
    sum.forEach((id, a) -> out.add(best.get(id).withScore(a[0])));
    out.addAll(tiers);
    return out;
  }
}
