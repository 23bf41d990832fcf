package io.shopsense.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the JVM's own threads (JIT compilers, garbage collector) read from Linux's
 * {@code /proc/self/task}: the thread MXBean does not see them, and in a fresh JVM (a CLI import)
 * the JIT compilers can take as much CPU as the work they compile. Empty where /proc is missing. A
 * lower bound: threads that end (the JVM stops idle compiler threads) take their CPU with them.
 */
final class JvmThreadsCpu {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private JvmThreadsCpu() {}

  /** One thread's name and CPU time so far. */
  record ThreadCpu(String name, long nanos) {}

  /** Nanoseconds of CPU per group: "C2 compiler", "C1 compiler", "GC"; other threads are left out. */
  static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    for (ThreadCpu t : threads().values()) {
      String group = group(t.name());
      if (group != null) out.merge(group, t.nanos(), Long::sum);
    }
    return out;
  }

  /** Every live thread of this process by thread id; empty where /proc is missing. */
  static Map<String, ThreadCpu> threads() {
    Map<String, ThreadCpu> out = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) return out;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
      for (Path t : ds) {
        String stat = read(t.resolve("stat"));
        if (stat.isEmpty()) continue;
        // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        out.put(t.getFileName().toString(), new ThreadCpu(read(t.resolve("comm")).strip(), ticks * NANOS_PER_TICK));
      }
    } catch (IOException e) {
      return Map.of(); // threads come and go; a partial picture is no picture
    }
    return out;
  }

  /** "C2 compiler 2.31 s, C1 compiler 0.40 s, GC 0.22 s" for the CPU spent between two snapshots. */
  static String since(Map<String, Long> before) {
    Map<String, Long> now = snapshot();
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : now.entrySet()) {
      // the JVM stops idle compiler threads, and their CPU leaves the sum with them: a lower bound
      long d = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
      if (sb.length() > 0) sb.append(", ");
      sb.append(String.format(java.util.Locale.ROOT, "%s %.2f s", e.getKey(), d / 1e9));
    }
    return sb.length() == 0 ? "not available" : sb.toString();
  }

  /**
   * The CPU each group of threads (names with their numbers folded, e.g. {@code qtp#-#}) spent since
   * {@code before}, largest first, the groups of at least {@code minShare} of the total; threads that
   * ended meanwhile are missing (a lower bound).
   */
  static String byNameSince(Map<String, ThreadCpu> before, double minShare) {
    Map<String, Long> groups = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, ThreadCpu> e : threads().entrySet()) {
      ThreadCpu was = before.get(e.getKey());
      long d = e.getValue().nanos() - (was == null ? 0L : was.nanos());
      if (d <= 0) continue;
      groups.merge(e.getValue().name().replaceAll("(?<![A-Z])[0-9]+", "#"), d, Long::sum); // C2, G1 stay
      total += d;
    }
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "threads %.2f s:", total / 1e9));
    long all = total;
    groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() >= minShare * all)
        .forEach(e -> sb.append(String.format(java.util.Locale.ROOT, " %s %.2f s (%.0f%%);", e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / all)));
    return sb.toString();
  }

  private static String group(String name) {
    if (name.startsWith("C2 CompilerThre")) return "C2 compiler";
    if (name.startsWith("C1 CompilerThre")) return "C1 compiler";
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("ZWorker") || name.startsWith("ZDriver")
        || name.startsWith("ZDirector")) {
      return "GC";
    }
    return null;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return ""; // the thread ended meanwhile
    }
  }
}
