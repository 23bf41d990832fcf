package io.shopsense.bench;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Macro benchmark of the demo store generator: generates a preset several times in one JVM and
 * prints, per run, wall time, CPU time of the generating thread, events per second and the peak
 * heap in use (pool peaks reset before each run). The first run includes JIT warm-up.
 *
 * <p>Usage: {@code GeneratorBench [small|medium] [runs] [outDir]} (defaults: medium, 3, a temp dir).
 */
public final class GeneratorBench {
  private GeneratorBench() {}

  public static void main(String[] args) throws IOException {
    GeneratorSpec spec = GeneratorSpec.ofSize(args.length > 0 ? args[0] : "medium");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("shopsense-gen");
    System.out.printf(Locale.ROOT, "generator: %d users, %d items, %d events, seed %d, %d cores, max heap %d MB%n",
        spec.users(), spec.items(), spec.events(), spec.seed(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    for (int run = 1; run <= runs; run++) {
      System.gc();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
      long t0 = System.nanoTime(), cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      GeneratorSummary s = new DataGenerator(spec).generate(out);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %.1f s wall, %.1f s CPU, %.0f events/s (wall), %d events, peak heap %d MB%n",
          run, wall, cpu, s.events() / wall, s.events(), peakHeapMb());
    }
  }

  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) bytes += p.getPeakUsage().getUsed();
    }
    return bytes >> 20;
  }
}
