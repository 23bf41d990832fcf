package io.shopsense.server.cli;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./shopsense generate --out DIR [--size small|medium] [--users N --items N --events N] [--seed S]}:
 * writes a synthetic store as JSONL plus its hidden truth. Explicit counts override the preset.
 * Progress goes to stderr as percentage lines, the summary to stdout.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic store as JSONL (items, shops, promotions, events) plus the shoppers' hidden tastes.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (created if missing).")
  Path out;

  @Option(names = "--size", paramLabel = "small|medium", defaultValue = "small",
      description = "Preset: small (2k items, 1k users, 100k events) or medium (20k, 10k, 1M). Default: ${DEFAULT-VALUE}.")
  String size;

  @Option(names = "--users", paramLabel = "N", description = "Number of shoppers (overrides the preset).")
  Integer users;

  @Option(names = "--items", paramLabel = "N", description = "Number of items (overrides the preset).")
  Integer items;

  @Option(names = "--events", paramLabel = "N", description = "Target number of events (overrides the preset).")
  Integer events;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives the same files. Default: "
      + GeneratorSpec.DEFAULT_SEED + ".")
  Long seed;

  @Override
  public Integer call() {
    GeneratorSpec gs = GeneratorSpec.ofSize(size);
    if (users != null) gs = gs.withUsers(users);
    if (items != null) gs = gs.withItems(items);
    if (events != null) gs = gs.withEvents(events);
    if (seed != null) gs = gs.withSeed(seed);
    if (Files.exists(out) && !Files.isDirectory(out)) throw new UserError("--out " + out + " is a file, not a directory");
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    err.printf(Locale.ROOT, "generate: %d users, %d items, about %d events, seed %d -> %s%n", gs.users(), gs.items(),
        gs.events(), gs.seed(), out);
    err.flush();
    long t0 = System.nanoTime();
    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    GeneratorSummary s;
    try {
      int[] last = {-10};
      s = new DataGenerator(gs).generate(out, p -> {
        if (p >= last[0] + 10 || p == 100) {
          err.printf(Locale.ROOT, "generate: %d%%%n", p);
          err.flush();
          last[0] = p;
        }
      });
    } catch (IOException e) {
      throw new UserError("cannot write to " + out + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError("cannot write to " + out + ": " + e.getCause().getMessage());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
    print(stdout, s, seconds, cpu);
    return 0;
  }

  private static void print(PrintWriter o, GeneratorSummary s, double seconds, double cpu) {
    o.printf(Locale.ROOT, "Generated a synthetic store in %s (seed %d) in %.1f s (%.1f s CPU on the generating thread), "
        + "peak heap %d MB%n", s.dir(), s.spec().seed(), seconds, cpu, peakHeapMb());
    o.printf(Locale.ROOT, "  %-17s %9d items (%d with Chinese text)%n", "items.jsonl", s.items(), s.chineseItems());
    o.printf(Locale.ROOT, "  %-17s %9d shops%n", "shops.jsonl", s.shops());
    o.printf(Locale.ROOT, "  %-17s %9d promotions%n", "promotions.jsonl", s.promotions());
    o.printf(Locale.ROOT, "  %-17s %9d events from %d shoppers (%d with a client id, %d duplicates)%n", "events.jsonl",
        s.events(), s.activeUsers(), s.eventsWithId(), s.duplicateEvents());
    StringBuilder types = new StringBuilder();
    for (Map.Entry<String, Long> e : s.eventsByType().entrySet()) {
      types.append(types.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    o.printf(Locale.ROOT, "  %-17s %s%n", "", types);
    o.printf(Locale.ROOT, "  %-17s %9d shoppers' hidden tastes%n", "truth.jsonl", s.users());
    o.printf(Locale.ROOT, "  %-17s %9d distinct queries (%d synonym queries)%n", "queries.jsonl", s.queries(),
        s.synonymQueries());
    o.printf(Locale.ROOT, "  %-17s what each file holds%n", "README.txt");
    o.flush();
  }

  /** Sum of the heap pools' peak usage: an upper bound of the peak heap in use. */
  static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) bytes += p.getPeakUsage().getUsed();
    }
    return bytes >> 20;
  }
}
