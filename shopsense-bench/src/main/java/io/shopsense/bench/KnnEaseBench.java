package io.shopsense.bench;

import io.shopsense.core.SharedData;
import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Macro benchmark: fit time of item-kNN and EASE (and any other registered algorithm) on a random
 * MovieLens-1M-shaped matrix and, when the shared data is present, on the real NCF ML-1M training
 * file. Prints one line per run and the median. Usage:
 * {@code KnnEaseBench [--algorithms itemknn,ease] [--threads 2] [--repeats 3] [--data random|ncf|both]
 * [--set key=value ...]}.
 */
public final class KnnEaseBench {
  private KnnEaseBench() {}

  public static void main(String[] args) throws Exception {
    String algorithms = "itemknn,ease";
    int threads = 2, repeats = 3;
    String data = "both";
    Map<String, String> set = new LinkedHashMap<>();
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--algorithms" -> algorithms = args[++a];
        case "--threads" -> threads = Integer.parseInt(args[++a]);
        case "--repeats" -> repeats = Integer.parseInt(args[++a]);
        case "--data" -> data = args[++a];
        case "--set" -> {
          String[] kv = args[++a].split("=", 2);
          set.put(kv[0], kv[1]);
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[a]);
      }
    }
    Config config = Config.defaults().with(set);
    Map<String, InteractionMatrix> inputs = new LinkedHashMap<>();
    if (!data.equals("ncf")) inputs.put("random ML-1M shape", SkewedMatrix.random(6040, 3706, 1_000_209, 7));
    if (!data.equals("random")) {
      var f = SharedData.file("ncf/ml-1m.train.rating");
      if (f.isPresent()) inputs.put("NCF ml-1m.train.rating", SkewedMatrix.ncf(f.get()));
      else System.out.println("shared data absent: skipping the NCF ML-1M file");
    }
    System.out.println(Machine.describe() + ", threads " + threads);
    for (var in : inputs.entrySet()) {
      InteractionMatrix m = in.getValue();
      long sq = 0;
      for (int u = 0; u < m.rows(); u++) sq += (long) m.rowLength(u) * m.rowLength(u);
      System.out.printf(Locale.ROOT, "%s: %d x %d, nnz %d, sum |row|^2 = %.3g%n", in.getKey(), m.rows(), m.cols(), m.nnz(), (double) sq);
      m.transpose();
      for (String name : algorithms.split(",")) {
        Recommender r = Recommenders.create(name.trim(), config);
        TrainContext ctx = new TrainContext(config, 42L, threads, List.of(), null);
        List<Double> secs = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        for (int rep = 0; rep < repeats; rep++) {
          System.gc();
          long c0 = Machine.processCpuNanos();
          long t0 = System.nanoTime();
          TrainedModel model = r.fit(m, ctx);
          double s = (System.nanoTime() - t0) / 1e9;
          double cpu = (Machine.processCpuNanos() - c0) / 1e9;
          if (model.numItems() != m.cols()) throw new IllegalStateException(name + " scored " + model.numItems() + " items");
          secs.add(s);
          cpus.add(cpu);
          System.out.printf(Locale.ROOT, "  %-8s run %d: %.2f s wall, %.2f s process CPU%n", name, rep + 1, s, cpu);
        }
        secs.sort(null);
        cpus.sort(null);
        System.out.println("  " + Machine.describe());
        System.out.printf(Locale.ROOT, "  %-8s median %.2f s wall (min %.2f, max %.2f), median %.2f s process CPU, over %d runs%n", name,
            secs.get(secs.size() / 2), secs.get(0), secs.get(secs.size() - 1), cpus.get(cpus.size() / 2), secs.size());
      }
    }
  }
}
