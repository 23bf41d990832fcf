package io.shopsense.core.generate;

import java.util.Locale;

/**
 * How big a synthetic store to generate, and the seed that fixes every byte of it.
 *
 * @param users shoppers (each gets hidden tastes in {@code truth.jsonl})
 * @param items catalog size; at least one per category of the vocabulary
 * @param events target number of events (the output is within a few percent of it)
 * @param seed the same seed and counts always give the same files
 */
public record GeneratorSpec(int users, int items, int events, long seed) {
  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 42;
  /** Upper bounds that keep ids and memory sane. */
  public static final int MAX_USERS = 5_000_000;
  public static final int MAX_ITEMS = 5_000_000;

  public GeneratorSpec {
    if (users < 1 || users > MAX_USERS) throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS + ", got " + users);
    int minItems = Taxonomy.standard().categories.size();
    if (items < minItems || items > MAX_ITEMS) {
      throw new IllegalArgumentException("items must be between " + minItems + " (one per category) and " + MAX_ITEMS + ", got " + items);
    }
    if (events < 0) throw new IllegalArgumentException("events must not be negative, got " + events);
  }

  /** About 2k items, 1k users and 100k events: for tests. */
  public static GeneratorSpec small() {
    return new GeneratorSpec(1_000, 2_000, 100_000, DEFAULT_SEED);
  }

  /** About 20k items, 10k users and 1M events: for the demo and benchmarks. */
  public static GeneratorSpec medium() {
    return new GeneratorSpec(10_000, 20_000, 1_000_000, DEFAULT_SEED);
  }

  /** A named preset: {@code small} or {@code medium}. */
  public static GeneratorSpec ofSize(String size) {
    switch (size.toLowerCase(Locale.ROOT)) {
      case "small": return small();
      case "medium": return medium();
      default: throw new IllegalArgumentException("size must be small or medium, got '" + size + "'");
    }
  }

  public GeneratorSpec withSeed(long newSeed) {
    return new GeneratorSpec(users, items, events, newSeed);
  }

  public GeneratorSpec withUsers(int n) {
    return new GeneratorSpec(n, items, events, seed);
  }

  public GeneratorSpec withItems(int n) {
    return new GeneratorSpec(users, n, events, seed);
  }

  public GeneratorSpec withEvents(int n) {
    return new GeneratorSpec(users, items, n, seed);
  }
}
