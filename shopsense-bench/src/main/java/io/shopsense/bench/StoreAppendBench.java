package io.shopsense.bench;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Raw store append throughput: N synthetic events (every field the generator fills: id, session,
 * channel, value, queries and shown lists on searches) appended in batches of 10k, each batch one
 * durable transaction, into a fresh SQLite file under {@code target/} or an embedded PostgreSQL.
 * Events are made before the clock starts, so the figure is the store alone. PostgreSQL runs with
 * {@code synchronous_commit=on} (every commit flushed), as a production server would.
 *
 * <p>With {@code bulk} the same batches go through {@link Store#bulkAppend} instead: one
 * transaction for all of them, durable when it returns (what the importer does).
 *
 * <p>Usage: {@code StoreAppendBench sqlite|postgres [events=1000000] [bulk|batches] [rounds=1]} (rounds: SQLite
 * only, each into a fresh file; later rounds run in a warm JVM).
 */
public final class StoreAppendBench {
  private static final int BATCH = 10_000;

  private StoreAppendBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || !(args[0].equals("sqlite") || args[0].equals("postgres"))) {
      System.err.println("usage: StoreAppendBench sqlite|postgres [events] [bulk|batches] [rounds]");
      System.exit(2);
    }
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    boolean bulk = args.length > 2 && args[2].equals("bulk");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<Event> events = events(n, 42);
    if (args[0].equals("sqlite")) {
      Path target = Files.isDirectory(Path.of("shopsense-bench/target")) ? Path.of("shopsense-bench/target") : Path.of("target");
      Path file = target.resolve("bench-store").resolve("append.db");
      for (int round = 1; round <= rounds; round++) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(file + suffix));
        try (Store store = Stores.open("sqlite:" + file)) {
          run("sqlite", store, events, bulk);
        }
        System.out.printf(Locale.ROOT, "sqlite file %s: %.1f MB%n", file, Files.size(file) / 1e6);
      }
    } else {
      // zonky turns synchronous_commit off by default; a store's durability promise needs it on
      try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
           Store store = Stores.open("postgresql://postgres@localhost:" + pg.getPort() + "/postgres")) {
        run("postgres", store, events, bulk);
      }
    }
  }

  private static void run(String name, Store store, List<Event> events, boolean bulk) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long threadCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long added = 0;
    List<List<Event>> batches = new ArrayList<>();
    for (int from = 0; from < events.size(); from += BATCH) {
      batches.add(events.subList(from, Math.min(events.size(), from + BATCH)));
    }
    if (bulk) {
      added = store.bulkAppend(batches.iterator());
    } else {
      for (List<Event> b : batches) added += store.append(b);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9; // this JVM only (not the PostgreSQL server)
    double writerCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu0) / 1e9;
    if (added != events.size() || store.eventCount() != events.size()) {
      throw new IllegalStateException("appended " + added + " of " + events.size());
    }
    System.out.printf(Locale.ROOT, "%s: %,d events in %.2f s = %,.0f events/s (batches of %,d, %s);"
        + " JVM cpu %.2f s = %,.0f events per CPU-second (writing thread %.2f s), load average %.1f%n", name,
        events.size(), secs, events.size() / secs, BATCH, bulk ? "one bulkAppend, one commit" : "one commit each", cpu,
        events.size() / cpu, writerCpu, os.getSystemLoadAverage());
  }

  /** Synthetic events shaped like the demo generator's: 10k users, 20k items, sessions, 10% searches, time order. */
  static List<Event> events(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Channel[] channels = Channel.values();
    List<Event> out = new ArrayList<>(n);
    long time = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      time += r.nextInt(10_000); // 1M events span about eight weeks, like the medium demo store
      String user = "u" + r.nextInt(10_000);
      String session = user + "-s" + (i / 20);
      Channel ch = channels[r.nextInt(channels.length)];
      int kind = r.nextInt(100);
      Event e;
      if (kind < 10) {
        List<String> shown = new ArrayList<>(10);
        for (int k = 0; k < 10; k++) shown.add("i" + r.nextInt(20_000));
        e = new Event("ev" + i, user, kind < 5 ? EventType.SEARCH : EventType.IMPRESSION, null, time, session, ch, null,
            "running shoes 跑步鞋", shown, null);
      } else {
        EventType t = kind < 60 ? EventType.VIEW : kind < 80 ? EventType.CLICK : kind < 90 ? EventType.ADD_TO_CART
            : kind < 96 ? EventType.PURCHASE : EventType.RATE;
        Double value = t == EventType.RATE ? Double.valueOf(1 + r.nextInt(5)) : t == EventType.PURCHASE ? Double.valueOf(1) : null;
        e = new Event("ev" + i, user, t, "i" + r.nextInt(20_000), time, session, ch, value, null, null, null);
      }
      out.add(e);
    }
    return out;
  }
}
