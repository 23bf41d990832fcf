package io.shopsense.core.generate;

import io.shopsense.core.io.JsonlWriter;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Writes a synthetic but realistic store as JSON Lines: {@code items.jsonl}, {@code shops.jsonl},
 * {@code promotions.jsonl}, {@code events.jsonl} (the DESIGN.md contract), plus the hidden truth
 * ({@code truth.jsonl}: each shopper's tastes), the distinct logged queries ({@code queries.jsonl},
 * marking synonym queries) and a {@code README.txt}.
 *
 * <p>Everything is fixed by the {@link GeneratorSpec}: the same spec gives the same bytes (seeded
 * streams per purpose and per shopper, a fixed simulated start of {@value #START_TEXT}, no hash
 * order, no clock). The behaviour is simulated day by day over {@value #DAYS} days; the events of a
 * day are sorted by time and streamed out, so the file is in time order overall and memory stays
 * bounded by one day of events. The number of sessions per day is steered so the total lands near
 * the requested count. Time O(events + searches x category size), memory O(items + users + events per day).
 */
public final class DataGenerator {
  /** Simulated start; the period is {@link #DAYS} days from here. */
  public static final String START_TEXT = "2026-01-05T00:00:00Z";
  public static final long START = Instant.parse(START_TEXT).toEpochMilli();
  public static final int DAYS = 56;
  public static final List<String> FILES =
      List.of("items.jsonl", "shops.jsonl", "promotions.jsonl", "events.jsonl", "truth.jsonl", "queries.jsonl", "README.txt");

  private static final long DAY = 86_400_000L;
  private static final double[] WEEKDAY = {0.95, 0.95, 1.0, 1.0, 1.05, 1.2, 1.15}; // Monday first: the period starts on one
  private static final double[] HOUR = {0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.5, 1.6, 1.8, 2.2, 2.0, 1.6, 1.5,
    1.6, 1.8, 2.0, 2.6, 3.0, 3.0, 2.4, 1.2};

  private final GeneratorSpec spec;

  public DataGenerator(GeneratorSpec spec) {
    this.spec = spec;
  }

  /** Generates into {@code dir} (created if missing; the files above are overwritten). */
  public GeneratorSummary generate(Path dir) throws IOException {
    return generate(dir, p -> {});
  }

  /**
   * Generates into {@code dir}, reporting progress as a percentage (0-100, non-decreasing).
   *
   * @throws IOException when a file cannot be written
   */
  public GeneratorSummary generate(Path dir, IntConsumer progress) throws IOException {
    Files.createDirectories(dir);
    long end = START + DAYS * DAY;
    Taxonomy tax = Taxonomy.standard();
    Catalog catalog = Catalog.build(tax, spec, START, end);
    PromotionPlan promos = PromotionPlan.build(catalog, spec.seed(), START, end);
    Shopper[] shoppers = new Shopper[spec.users()];
    for (int u = 0; u < shoppers.length; u++) shoppers[u] = Shopper.create(catalog, u, shoppers.length, spec.seed(), DAYS);

    int chinese = 0;
    try (JsonlWriter w = JsonlWriter.open(dir.resolve("items.jsonl"))) {
      for (Item it : catalog.items) w.write(it);
    }
    for (int l : catalog.lang) if (l == Word.ZH) chinese++;
    try (JsonlWriter w = JsonlWriter.open(dir.resolve("shops.jsonl"))) {
      for (Shop s : catalog.shops) w.write(s);
    }
    try (JsonlWriter w = JsonlWriter.open(dir.resolve("promotions.jsonl"))) {
      for (Promotion p : promos.promotions) w.write(p);
    }
    TruthWriter.writeShoppers(dir.resolve("truth.jsonl"), catalog, shoppers);
    progress.accept(2);

    EventSink sink = new EventSink();
    DemoSearch search = new DemoSearch(catalog);
    int active = simulate(dir.resolve("events.jsonl"), catalog, promos, search, sink, shoppers, progress);
    int synonyms = TruthWriter.writeQueries(dir.resolve("queries.jsonl"), catalog, search);

    Map<String, Long> byType = new LinkedHashMap<>();
    for (EventType t : EventType.values()) byType.put(t.wireName(), sink.byType[t.ordinal()]);
    List<Path> files = new ArrayList<>();
    for (String f : FILES) files.add(dir.resolve(f));
    GeneratorSummary summary = new GeneratorSummary(spec, dir, files, shoppers.length, active, catalog.items.length,
        chinese, catalog.shops.length, promos.promotions.length, sink.total, byType, sink.withId, sink.duplicates,
        search.stats.size(), synonyms, START, end);
    TruthWriter.writeReadme(dir.resolve("README.txt"), summary);
    progress.accept(100);
    return summary;
  }

  /** The day-by-day simulation; returns how many shoppers had at least one session. */
  private int simulate(Path file, Catalog catalog, PromotionPlan promos, DemoSearch search, EventSink sink,
      Shopper[] shoppers, IntConsumer progress) throws IOException {
    SessionSimulator sim = new SessionSimulator(catalog, promos, search, sink);
    ShopperState[] states = new ShopperState[shoppers.length];
    for (int u = 0; u < shoppers.length; u++) states[u] = new ShopperState(shoppers[u], spec.seed());
    double[] hourCum = new double[24];
    for (int h = 0; h < 24; h++) hourCum[h] = (h == 0 ? 0 : hourCum[h - 1]) + HOUR[h];
    // Every shopper shows up at least once when the budget allows about a dozen events each.
    boolean everyoneVisits = spec.events() >= 15L * shoppers.length;
    long target = spec.events();
    long sessions = 0;
    double eventsPerSession = 9; // first guess, then measured
    int active = 0;
    int lastPercent = 2;
    try (JsonlWriter w = JsonlWriter.open(file)) {
      for (int d = 0; d < DAYS; d++) {
        long dayStart = START + d * DAY;
        double remainingWeight = 0;
        for (int x = d; x < DAYS; x++) remainingWeight += WEEKDAY[x % 7];
        double todayEvents = Math.max(0, (target - sink.total) * WEEKDAY[d % 7] / remainingWeight);
        double todaySessions = todayEvents / eventsPerSession;
        double activity = 0;
        for (Shopper u : shoppers) if (u.joinDay <= d) activity += u.activity;
        for (int ui = 0; ui < shoppers.length; ui++) {
          Shopper u = shoppers[ui];
          if (u.joinDay > d) continue;
          ShopperState st = states[ui];
          SplittableRandom r = st.random;
          int k = Rand.poisson(r, todaySessions * u.activity / activity);
          if (everyoneVisits && st.sessions == 0 && d >= u.firstDay) k = Math.max(k, 1);
          if (st.nextDue() < dayStart + DAY && Rand.chance(r, 0.7)) k = Math.max(k, 1);
          if (k == 0) continue;
          if (st.sessions == 0) active++;
          long[] starts = new long[k];
          for (int j = 0; j < k; j++) {
            starts[j] = dayStart + Rand.cumulative(r, hourCum, 24) * 3_600_000L + r.nextInt(3600) * 1000L;
          }
          Arrays.sort(starts);
          for (long s : starts) {
            long begin = Math.max(s, st.nextFree);
            long last = sim.run(u, st, begin, SessionSimulator.channel(r, u));
            st.nextFree = last + 30 * 60_000L; // a new session needs a 30-minute gap
            sessions++;
          }
        }
        flush(w, sink.buffer, dayStart + DAY);
        eventsPerSession = sessions == 0 ? eventsPerSession : Math.max(1, (double) sink.total / sessions);
        int percent = 2 + (int) ((d + 1) * 96L / DAYS);
        if (percent > lastPercent) {
          progress.accept(percent);
          lastPercent = percent;
        }
      }
      flush(w, sink.buffer, Long.MAX_VALUE);
    }
    return active;
  }

  private static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::time);

  /** Writes the buffered events before {@code until} in time order (stable: ties keep generation order). */
  private static void flush(JsonlWriter w, List<Event> buffer, long until) throws IOException {
    buffer.sort(BY_TIME);
    int n = 0;
    while (n < buffer.size() && buffer.get(n).time() < until) w.write(buffer.get(n++));
    buffer.subList(0, n).clear();
  }
}
