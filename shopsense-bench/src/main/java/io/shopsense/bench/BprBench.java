package io.shopsense.bench;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.mf.Bpr;
import io.shopsense.recommend.mf.MfKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BPR training throughput in sampled updates per second (issue 3 target: at least 5 million on 2
 * cores at 64 factors), on a synthetic matrix of the given shape. Options: {@code --shape ml1m|ml20m
 * --epochs 8 --threads 2 --factors 64 --seed 1}. Reports wall-clock rates per epoch and, since the
 * machine is shared, the rate per CPU-second of the whole process too.
 */
public final class BprBench {
  private BprBench() {}

  public static void main(String[] args) {
    BenchArgs a = new BenchArgs(args);
    SkewedMatrix.Shape shape = SkewedMatrix.Shape.of(a.get("shape", "ml1m"));
    int epochs = a.getInt("epochs", 8);
    int threads = a.getInt("threads", 2);
    int factors = a.getInt("factors", 64);
    InteractionMatrix m = SkewedMatrix.shaped(shape, a.getDouble("zipf", 1.0), 20, a.getLong("seed", 1));
    Config cfg = Config.defaults().with(Map.of("bpr.factors", Integer.toString(factors), "bpr.epochs", Integer.toString(epochs)));
    List<Double> rates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    long[] lastCpu = {CpuClock.processNanos()};
    new Bpr(cfg).fit(m, new TrainContext(cfg, 42, threads, List.of(), null), (done, total, sec, loss) -> {
      long now = CpuClock.processNanos();
      rates.add(m.nnz() / sec / 1e6);
      cpuRates.add(m.nnz() / ((now - lastCpu[0]) / 1e9) / 1e6);
      lastCpu[0] = now;
    });
    System.out.printf(Locale.ROOT, "BprBench shape=%s users=%d items=%d nnz=%d factors=%d threads=%d simd=%s%n",
        shape.name(), m.rows(), m.cols(), m.nnz(), factors, threads, MfKernels.simd());
    System.out.printf(Locale.ROOT, "  million updates/s per epoch (wall): %s%n", fmt(rates));
    System.out.printf(Locale.ROOT, "  million updates per CPU-second:     %s%n", fmt(cpuRates));
    List<Double> sorted = new ArrayList<>(rates.subList(1, rates.size()));
    sorted.sort(null);
    System.out.printf(Locale.ROOT, "  median after the first epoch %.2f M/s, best %.2f M/s%n",
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
  }

  private static List<String> fmt(List<Double> xs) {
    return xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList();
  }
}
