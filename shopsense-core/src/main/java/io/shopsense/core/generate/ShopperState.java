package io.shopsense.core.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** What a shopper carries between sessions: cart, owned items, reviews to write, replenishment dates. */
final class ShopperState {
  final SplittableRandom random;
  long nextFree = Long.MIN_VALUE;
  int sessions;
  /** Cart lines as {item, time added}. */
  final List<long[]> cart = new ArrayList<>();
  /** Items bought once that are not re-bought (membership only, never iterated). */
  final Set<Integer> owned = new HashSet<>();
  /** Purchases that may get a rating or review later, as {item, time bought}. */
  final List<long[]> toReview = new ArrayList<>();
  /** Per consumable of the shopper (same order as {@link Shopper#consumables}): last item bought, -1 if none. */
  final int[] lastConsumable;
  /** When each consumable runs out; Long.MAX_VALUE until first bought. */
  final long[] due;

  ShopperState(Shopper s, long seed) {
    random = Rand.stream(seed, 50_000_000L + s.index);
    lastConsumable = new int[s.consumables.length];
    due = new long[s.consumables.length];
    java.util.Arrays.fill(lastConsumable, -1);
    java.util.Arrays.fill(due, Long.MAX_VALUE);
  }

  /** The earliest replenishment date. */
  long nextDue() {
    long m = Long.MAX_VALUE;
    for (long d : due) m = Math.min(m, d);
    return m;
  }

  boolean inCart(int item) {
    for (long[] line : cart) if (line[0] == item) return true;
    return false;
  }
}
