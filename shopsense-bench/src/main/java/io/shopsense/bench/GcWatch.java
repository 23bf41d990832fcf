package io.shopsense.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collections the JVM reports while it watches (per collector: count, total and longest
 * duration in ms), so a latency run can say how much of its tail is garbage collection. For G1 the
 * young/mixed and full collections are stop-the-world pauses; its concurrent cycle's short remark
 * and cleanup pauses are not reported through these beans on JDK 17 ({@code -Xlog:gc} shows them).
 */
final class GcWatch implements AutoCloseable {
  private final Map<String, List<Long>> durations = new TreeMap<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::handle;

  GcWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, n -> n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
        emitters.add(e);
      }
    }
  }

  private synchronized void handle(Notification n, Object handback) {
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    durations.computeIfAbsent(info.getGcName(), k -> new ArrayList<>()).add(info.getGcInfo().getDuration());
  }

  /** One line per collector, e.g. {@code G1 Young Generation 14 collections, 95 ms in all, longest 11 ms}. */
  synchronized String summary() {
    if (durations.isEmpty()) return "no collections";
    StringBuilder sb = new StringBuilder();
    durations.forEach((name, d) -> {
      if (sb.length() > 0) sb.append("; ");
      sb.append(String.format(Locale.ROOT, "%s %d collections, %d ms in all, longest %d ms", name, d.size(),
          d.stream().mapToLong(Long::longValue).sum(), d.stream().mapToLong(Long::longValue).max().orElse(0)));
    });
    return sb.toString();
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ex) {
        throw new IllegalStateException("GC listener vanished", ex);
      }
    }
  }
}
