package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * Macro benchmark: {@link MatrixBuilder} on 1M synthetic events (10k users, 20k items), the time to
 * build and to transpose, and the bytes per non-zero of the result; the peer in the same run is a
 * straightforward HashMap builder with the same definition (dedup per user, item and type) feeding
 * {@link InteractionMatrix#fromTriples}. Usage:
 * {@code java -Xmx2g -cp ... io.shopsense.bench.MatrixBuildBench [events] [users] [items] [runs] [storeDir]};
 * with {@code storeDir} the events are also written to a SQLite store there and
 * {@link MatrixBuilder#fromStore} is timed end to end (reading included).
 */
public final class MatrixBuildBench {
  private MatrixBuildBench() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    MatrixOptions opt = MatrixOptions.from(Config.defaults()); // view 1 .. purchase 8, 30-day half-life, dedup
    long g0 = System.nanoTime();
    List<Event> list = SyntheticEvents.generate(events, users, items, 7);
    System.out.printf(Locale.ROOT, "generated %,d events in %.1f s; options %s%n", list.size(), (System.nanoTime() - g0) / 1e9, opt);

    double[] accept = new double[runs];
    double[] build = new double[runs];
    double[] transpose = new double[runs];
    double[] peer = new double[runs];
    InteractionMatrix m = null;
    for (int r = -2; r < runs; r++) { // two warm-up rounds
      long t0 = System.nanoTime();
      MatrixBuilder b = new MatrixBuilder(opt, list.size());
      for (Event e : list) b.accept(e);
      long t1 = System.nanoTime();
      m = b.build();
      long t2 = System.nanoTime();
      InteractionMatrix fresh = new InteractionMatrix(m.rowIds(), m.colIds(), m.rowPointers(), m.colIndex(), m.values());
      long t3 = System.nanoTime();
      fresh.transpose();
      long t4 = System.nanoTime();
      InteractionMatrix p = naive(list, opt);
      long t5 = System.nanoTime();
      if (p.nnz() != m.nnz()) throw new IllegalStateException("peer disagrees: nnz " + p.nnz() + " vs " + m.nnz());
      if (r >= 0) {
        accept[r] = (t1 - t0) / 1e6;
        build[r] = (t2 - t1) / 1e6;
        transpose[r] = (t4 - t3) / 1e6;
        peer[r] = (t5 - t4) / 1e6;
      }
    }
    double[] total = new double[runs];
    for (int r = 0; r < runs; r++) total[r] = accept[r] + build[r];
    System.out.printf(Locale.ROOT, "matrix: %,d users x %,d items, %,d non-zeros (density %.4f%%)%n", m.rows(), m.cols(),
        m.nnz(), 100.0 * m.nnz() / ((double) m.rows() * m.cols()));
    System.out.printf(Locale.ROOT, "MatrixBuilder accept (ms): %s%n", stats(accept));
    System.out.printf(Locale.ROOT, "MatrixBuilder build  (ms): %s%n", stats(build));
    System.out.printf(Locale.ROOT, "MatrixBuilder total  (ms): %s%n", stats(total));
    System.out.printf(Locale.ROOT, "transpose            (ms): %s%n", stats(transpose));
    System.out.printf(Locale.ROOT, "peer HashMap+fromTriples (ms): %s%n", stats(peer));

    // memory: CSR arrays by construction, and the measured heap the result keeps (with its id indexes)
    System.out.printf(Locale.ROOT, "CSR arrays: %,d bytes = %.2f bytes/non-zero%n", m.sizeInBytes(),
        (double) m.sizeInBytes() / m.nnz());
    measureRetained(list, opt);
    System.out.printf(Locale.ROOT, "builder arrays while accepting: %d bytes/kept event (%,d kept of %,d)%n", 17,
        keptEvents(list, opt), list.size());
    if (args.length > 4) fromSqlite(Path.of(args[4]), list, runs);
  }

  /** Writes the events to a fresh SQLite store, then times fromStore (read + build) end to end. */
  private static void fromSqlite(Path dir, List<Event> list, int runs) {
    Config config = Config.defaults();
    try (Store store = Stores.forDataDir(dir)) {
      if (store.eventCount() != list.size()) {
        if (store.eventCount() != 0) throw new IllegalStateException(dir + " holds another store; give an empty directory");
        long t0 = System.nanoTime();
        for (int i = 0; i < list.size(); i += 10_000) store.append(list.subList(i, Math.min(list.size(), i + 10_000)));
        System.out.printf(Locale.ROOT, "wrote %,d events to %s in %.1f s%n", list.size(), store.url(), (System.nanoTime() - t0) / 1e9);
      }
      double[] ms = new double[runs];
      double[] readOnly = new double[runs];
      long[] count = {0};
      for (int r = -1; r < runs; r++) {
        long t0 = System.nanoTime();
        InteractionMatrix m = MatrixBuilder.fromStore(store, config);
        long t1 = System.nanoTime();
        store.forEachEvent(e -> count[0]++); // the store's share: reading the rows into Event objects
        long t2 = System.nanoTime();
        if (r >= 0) {
          ms[r] = (t1 - t0) / 1e6;
          readOnly[r] = (t2 - t1) / 1e6;
        }
        if (m.nnz() == 0) throw new IllegalStateException("empty matrix");
      }
      System.out.printf(Locale.ROOT, "fromStore (SQLite read + build) (ms): %s%n", stats(ms));
      System.out.printf(Locale.ROOT, "of which reading the events alone (ms): %s%n", stats(readOnly));
    }
  }

  /**
   * Heap kept by a freshly built matrix (CSR + id indexes), and by its transpose. In its own frame
   * so no stale local keeps an earlier matrix alive. Under G1 each array over half a region is
   * humongous and rounded up to whole regions; run with -XX:+UseParallelGC for exact bytes.
   */
  private static void measureRetained(List<Event> list, MatrixOptions opt) {
    usedAfterGc(); // the first call loads the management beans; its garbage would skew the baseline
    long before = usedAfterGc();
    // fresh id strings, as a store read gives: the index then owns its strings instead of sharing the list's
    MatrixBuilder b = new MatrixBuilder(opt, list.size());
    for (Event e : list) {
      b.accept(new Event(e.id(), new String(e.user()), e.type(), e.item() == null ? null : new String(e.item()),
          e.time(), e.session(), e.channel(), e.value(), e.query(), e.items(), e.text()));
    }
    InteractionMatrix kept = b.build();
    b = null; // the builder's arrays are garbage now
    long after = usedAfterGc();
    System.out.printf(Locale.ROOT, "retained heap of the result incl. id indexes: %,d bytes = %.2f bytes/non-zero%n",
        after - before, (double) (after - before) / kept.nnz());
    kept.transpose();
    long withT = usedAfterGc();
    System.out.printf(Locale.ROOT, "with its transpose: +%,d bytes = %.2f bytes/non-zero%n", withT - after,
        (double) (withT - after) / kept.nnz());
    java.lang.ref.Reference.reachabilityFence(kept);
  }

  private static long keptEvents(List<Event> list, MatrixOptions opt) {
    MatrixBuilder b = new MatrixBuilder(opt);
    list.forEach(b);
    return b.size();
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String stats(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "min %.0f, median %.0f, max %.0f (n=%d)", s[0], s[s.length / 2], s[s.length - 1], s.length);
  }

  /** The peer: the obvious HashMap implementation of the same definition. */
  static InteractionMatrix naive(List<Event> events, MatrixOptions opt) {
    int types = EventType.values().length;
    long ref = Long.MIN_VALUE;
    for (Event e : events) ref = Math.max(ref, e.time());
    double hl = opt.halfLifeDays() * 86_400_000d;
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    HashMap<Long, double[]> cells = new HashMap<>(); // per (user, item): {time, value, count} per type
    for (Event e : events) {
      double w = opt.weights().weight(e.type());
      if (e.item() == null || w <= 0) continue;
      long key = ((long) users.add(e.user()) << 32) | items.add(e.item());
      double[] c = cells.computeIfAbsent(key, k -> new double[3 * types]);
      int t = e.type().ordinal();
      double v = w * (hl > 0 ? Math.pow(0.5, (ref - e.time()) / hl) : 1);
      if (c[3 * t + 2] == 0 || e.time() > c[3 * t] || (e.time() == c[3 * t] && v > c[3 * t + 1])) {
        c[3 * t] = e.time();
        c[3 * t + 1] = v;
      }
      c[3 * t + 2]++;
    }
    int n = cells.size();
    int[] r = new int[n];
    int[] col = new int[n];
    float[] val = new float[n];
    int k = 0;
    for (var e : cells.entrySet()) {
      double[] c = e.getValue();
      double sum = 0;
      for (int t = 0; t < types; t++) {
        if (c[3 * t + 2] == 0) continue;
        sum += opt.logRepeatTypes().contains(EventType.ofCode(t)) ? c[3 * t + 1] * (1 + Math.log(c[3 * t + 2])) : c[3 * t + 1];
      }
      r[k] = (int) (e.getKey() >>> 32);
      col[k] = (int) (long) e.getKey();
      val[k++] = (float) sum;
    }
    return InteractionMatrix.fromTriples(users, items, r, col, val, n);
  }
}
