package io.shopsense.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this process. On a shared machine wall time includes waiting for a core; CPU time
 * shows what the work itself costs, so the benchmarks report both.
 */
public final class CpuClock {
  private CpuClock() {}

  /** Process CPU time in nanoseconds, or -1 when the JVM does not expose it. */
  public static long processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
