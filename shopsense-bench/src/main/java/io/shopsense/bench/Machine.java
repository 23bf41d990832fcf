package io.shopsense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line describing where a benchmark ran: JVM, cores, heap and the load average (other work on the box). */
final class Machine {
  private Machine() {}

  /** CPU time of the whole process (all threads, GC and JIT included), in nanoseconds. */
  static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : -1;
  }

  static String describe() {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      load = "unknown (" + e.getMessage() + ")";
    }
    return String.format(Locale.ROOT, "java %s, %d available processors, max heap %d MB, load average %s",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, load);
  }
}
