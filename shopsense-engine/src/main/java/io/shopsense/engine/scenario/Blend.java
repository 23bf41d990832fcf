package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Weighted sum of rank-normalised sources; each item keeps the provenance of the source that
 * contributed most to it. Fallback tiers are added below everything blended before them.
 */
final class Blend {
  /** One blended item: its weighted sum, its largest contribution and that contribution's entry, its catalog item when known. */
  private static final class Entry {
    double sum;
    double best = -1;
    Scored from;
    Item item;
  }

  // default capacity: the iteration order (which callers that sort stably may see on ties) stays as it was
  private final Map<String, Entry> sum = new HashMap<>();
  private final List<Scored> tiers = new ArrayList<>();
  private int tier;

  /** Adds a source's list (scores in [0, 1]) with a weight. */
  Blend add(List<Scored> list, double weight) {
    return add(list, null, weight);
  }

  /**
   * As {@link #add(List, double)}, with the catalog item of each entry ({@code items} parallel to
   * {@code list}, or null) so that {@link #scale(Function, ToDoubleFunction)} need not look them up.
   */
  Blend add(List<Scored> list, List<Item> items, double weight) {
    if (weight <= 0) return this;
    for (int i = 0; i < list.size(); i++) {
      Scored s = list.get(i);
      double c = weight * s.score();
      Entry a = sum.get(s.id());
      if (a == null) sum.put(s.id(), a = new Entry());
      if (a.item == null && items != null) a.item = items.get(i);
      a.sum += c;
      if (c > a.best) {
        a.best = c;
        a.from = s;
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

  /** Scales blended items' scores by a factor of their catalog item (affinity boosts); {@code resolve} finds items not given to {@code add}. */
  void scale(Function<String, Item> resolve, ToDoubleFunction<Item> factor) {
    for (var e : sum.entrySet()) {
      Entry a = e.getValue();
      a.sum *= factor.applyAsDouble(a.item != null ? a.item : resolve.apply(e.getKey()));
    }
  }

  List<Scored> result() {
    return result(null);
  }

  /** The blended items then the fallback tiers; {@code items} (when not null) gets each one's catalog item, null when unknown. */
  List<Scored> result(List<Item> items) {
    List<Scored> out = new ArrayList<>(sum.size() + tiers.size());
    for (Entry a : sum.values()) {
      out.add(a.from.withScore(a.sum));
      if (items != null) items.add(a.item);
    }
    out.addAll(tiers);
    if (items != null) for (int i = 0; i < tiers.size(); i++) items.add(null);
    return out;
  }
}
