package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.mf.ImplicitAls;
import io.shopsense.recommend.mf.MfKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Implicit ALS training speed and peak heap on synthetic matrices shaped like MovieLens-1M and
 * -20M (issue 3 targets on 2 cores, 64 factors: 0.5 s and 10 s per iteration, under 1.5 GB heap).
 * Run with {@code -Xmx1500m} so the heap bound is enforced, not just measured. Options:
 * {@code --shape ml1m|ml20m --iterations 5 --threads 2 --factors 64 --cg-steps 3 --seed 1}.
 */
public final class AlsBench {
  private AlsBench() {}

  public static void main(String[] args) {
    BenchArgs a = new BenchArgs(args);
    SkewedMatrix.Shape shape = SkewedMatrix.Shape.of(a.get("shape", "ml1m"));
    int iterations = a.getInt("iterations", 5);
    int threads = a.getInt("threads", 2);
    int factors = a.getInt("factors", 64);
    try (HeapWatcher heap = new HeapWatcher()) {
      long t0 = System.nanoTime();
      InteractionMatrix m = SkewedMatrix.shaped(shape, a.getDouble("zipf", 1.0), 20, a.getLong("seed", 1));
      double gen = (System.nanoTime() - t0) / 1e9;
      Config cfg = Config.defaults().with(Map.of("als.factors", Integer.toString(factors),
          "als.iterations", Integer.toString(iterations), "als.cg_steps", a.get("cg-steps", "3")));
      List<Double> times = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      long[] lastCpu = {CpuClock.processNanos()};
      long t1 = System.nanoTime();
      new ImplicitAls(cfg).fit(m, new TrainContext(cfg, 42, threads, List.of(), null), (done, total, sec, loss) -> {
        times.add(sec);
        long now = CpuClock.processNanos();
        cpu.add((now - lastCpu[0]) / 1e9);
        lastCpu[0] = now;
      });
      double fit = (System.nanoTime() - t1) / 1e9;
      List<Double> sorted = new ArrayList<>(times);
      sorted.sort(null);
      System.out.printf(Locale.ROOT, "AlsBench shape=%s users=%d items=%d nnz=%d factors=%d cg_steps=%s threads=%d simd=%s%n",
          shape.name(), m.rows(), m.cols(), m.nnz(), factors, a.get("cg-steps", "3"), threads, MfKernels.simd());
      System.out.printf(Locale.ROOT, "  generate %.2f s; fit %.2f s for %d iterations (incl. transpose and init)%n", gen, fit, iterations);
      System.out.printf(Locale.ROOT, "  seconds per iteration: %s%n", times.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList());
      System.out.printf(Locale.ROOT, "  process CPU seconds per iteration: %s%n", cpu.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList());
      System.out.printf(Locale.ROOT, "  median %.3f s, best %.3f s per iteration%n", sorted.get(sorted.size() / 2), sorted.get(0));
      System.out.printf(Locale.ROOT, "  peak heap: sampled %.0f MB, sum of pool peaks %.0f MB, -Xmx %.0f MB%n",
          heap.sampledPeakMb(), heap.poolPeaksMb(), HeapWatcher.maxHeapMb());
    }
  }
}
