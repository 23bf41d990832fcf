package io.shopsense.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap of this JVM: the JVM's own per-pool peaks (an upper bound, since pools peak at
 * different moments) and the largest used heap seen by a 20 ms sampler.
 */
public final class HeapWatcher implements AutoCloseable {
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long maxSampled;

  public HeapWatcher() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    sampler = new Thread(() -> {
      Runtime rt = Runtime.getRuntime();
      while (running) {
        maxSampled = Math.max(maxSampled, rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Sum of the heap pools' peak usage, in MB. */
  public double poolPeaksMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum / 1048576.0;
  }

  /** Largest sampled used heap, in MB. */
  public double sampledPeakMb() {
    return maxSampled / 1048576.0;
  }

  /** The -Xmx in MB. */
  public static double maxHeapMb() {
    return Runtime.getRuntime().maxMemory() / 1048576.0;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
