package io.shopsense.bench;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportReport;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.io.Importer;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Macro benchmark of {@code shopsense import}: the {@code medium} generated store (about 1M events)
 * imported end to end (validation pass, then parse + append) into a fresh SQLite file and into an
 * embedded PostgreSQL server. Prints events/s and the peak heap (run with {@code -Xmx1g} to prove
 * the bound). Targets (issue 2): SQLite >= 200,000 events/s, PostgreSQL >= 50,000 events/s, peak
 * heap < 1 GB.
 *
 * <p>Usage: {@code ImportBench [--dir DIR] [--backends sqlite,postgresql] [--runs N] [--parse-rounds N]}.
 * DIR holds the JSONL files; they are generated (medium, seed 42) when {@code events.jsonl} is
 * missing. The parser-only rounds (default 3; 0 for none) run after the imports, so that the first
 * import runs in a cold JVM like the CLI's.
 */
public final class ImportBench {
  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("target/bench-data/medium");
    List<String> backends = List.of("sqlite", "postgresql");
    int runs = 1;
    int parseRounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--backends" -> backends = List.of(args[++i].split(","));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--parse-rounds" -> parseRounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (usage: ImportBench [--dir DIR] [--backends sqlite,postgresql] [--runs N] [--parse-rounds N])");
      }
    }
    ensureData(dir);
    List<ImportSource> sources = new ArrayList<>();
    for (Kind k : Kind.values()) {
      Path f = dir.resolve(k.defaultFileName());
      if (Files.isRegularFile(f)) sources.add(ImportSource.jsonl(k, f));
    }
    System.out.printf(Locale.ROOT, "ImportBench %s, %d cores, max heap %d MB, java %s, data %s%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"), dir.toAbsolutePath());
    Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "import-bench");
    try {
      for (String backend : backends) {
        for (int r = 1; r <= runs; r++) {
          if (backend.equals("sqlite")) {
            Path storeDir = work.resolve("sqlite-" + r);
            try (Store store = Stores.forDataDir(storeDir)) {
              measure("sqlite", r, store, sources);
            }
          } else if (backend.equals("postgresql")) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg-" + r))
                .setCleanDataDirectory(true).start()) {
              try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench");
              }
              try (Store store = Stores.open("postgresql://postgres@localhost:" + pg.getPort() + "/bench")) {
                measure("postgresql", r, store, sources);
              }
            }
          } else {
            throw new IllegalArgumentException("unknown backend " + backend + " (sqlite or postgresql)");
          }
        }
      }
    } finally {
      deleteTree(work);
    }
    // after the imports, so that sqlite run 1 starts in a cold JVM, as the CLI does
    if (parseRounds > 0) parseOnly(sources, parseRounds);
  }

  /** The events file parsed and checked by one thread, nothing written: the parser's own speed. */
  private static void parseOnly(List<ImportSource> sources, int rounds) {
    ImportSource events = sources.stream().filter(s -> s.kind() == Kind.EVENTS).findFirst().orElseThrow();
    var threads = ManagementFactory.getThreadMXBean();
    Importer checker = new Importer(null, null).validationThreads(1);
    for (int round = 1; round <= rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long n = checker.validate(events);
      long wall = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      System.out.printf(Locale.ROOT, "parse only, 1 thread, round %d: %,d events in %.2f s = %,.0f events/s wall, "
          + "%,.0f events/s per CPU second%n", round, n, wall / 1e9, n * 1e9 / wall, n * 1e9 / cpu);
    }
  }

  private static void measure(String backend, int run, Store store, List<ImportSource> sources) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    var jvmThreads = JvmThreadsCpu.snapshot();
    long t0 = System.nanoTime();
    List<ImportReport> reports = new Importer(store).progress(System.err::println).importAll(sources);
    long total = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    // the sum of per-pool peaks bounds the true peak from above (pools peak at different moments)
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    for (ImportReport r : reports) System.out.println("  " + r.summary());
    ImportReport ev = reports.stream().filter(r -> r.kind() == Kind.EVENTS).findFirst().orElseThrow();
    System.out.printf(Locale.ROOT,
        "%s run %d: %,d events in %.2f s = %,.0f events/s (validation %.2f s + write); whole store %.2f s wall, "
            + "%.2f s CPU of this process (all threads); peak heap %d MB; load average %.1f%n",
        backend, run, ev.read(), ev.elapsedNanos() / 1e9, ev.recordsPerSecond(), ev.validationNanos() / 1e9, total / 1e9, cpu / 1e9, peak >> 20,
        os.getSystemLoadAverage());
    System.out.println("  of which JVM threads: " + JvmThreadsCpu.since(jvmThreads));
  }

  private static void ensureData(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve("events.jsonl"))) return;
    Files.createDirectories(dir);
    System.out.println("generating the medium store into " + dir + " ...");
    long t0 = System.nanoTime();
    new DataGenerator(GeneratorSpec.medium()).generate(dir);
    System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
