package io.shopsense.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM spent: process CPU time (all threads; on a shared machine wall time also counts
 * waiting for a core), the heap pools' peaks and the peak resident set, for the job's report.
 */
final class ProcessStats {
  private ProcessStats() {}

  /** Process CPU time in nanoseconds, or -1 when the JVM does not expose it. */
  static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** Starts the heap-peak measurement afresh. */
  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
  }

  /** Sum of the heap pools' peaks since {@link #resetPeaks}, in MB (an upper bound of the peak heap). */
  static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum / 1048576.0;
  }

  /** The peak resident set (VmHWM of /proc/self/status) in MB, or "n/a" where there is no /proc. */
  static String peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.toString(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
      }
      return "n/a";
    } catch (IOException | NumberFormatException e) {
      return "n/a (" + e.getMessage() + ")";
    }
  }
}
