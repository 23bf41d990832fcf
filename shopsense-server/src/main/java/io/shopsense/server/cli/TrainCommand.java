package io.shopsense.server.cli;

import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.engine.api.TrainReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopsense train}: builds the matrix, fits the algorithms, evaluates them on a holdout,
 * trains the search re-ranker from the logged searches, applies the gate and publishes a new model
 * snapshot under {@code DIR/models}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train every model on the store, evaluate on a holdout and publish a model snapshot.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (store, index, models).")
  Path data;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL; default: SQLite under DIR.")
  String storeUrl;

  @Option(names = "--algorithms", paramLabel = "LIST", description = "Comma-separated algorithms (default: engine.algorithms).")
  String algorithms;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set als.factors=64.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--force", description = "Publish even when the evaluation gate refuses the snapshot.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> overrides = new LinkedHashMap<>(sets);
    try (ShopSense s = CliEngines.open(data, storeUrl, overrides)) {
      String list = algorithms != null ? algorithms : s.config().get("engine.algorithms");
      List<String> algs = new ArrayList<>();
      for (String a : list.split(",")) if (!a.isBlank()) algs.add(a.strip());
      if (algs.isEmpty()) throw new UserError("--algorithms names no algorithm");
      TrainReport r = s.train(algs, force);
      out.println(format(r));
    }
    out.flush();
    return 0;
  }

  static String format(TrainReport r) {
    SnapshotInfo i = r.snapshot();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "snapshot %d: %s%n", i.version(), r.reason()));
    sb.append(String.format(Locale.ROOT, "trained on %,d events, %,d users x %,d items in %.1f s%n", i.events(), i.users(),
        i.items(), r.seconds()));
    sb.append(String.format(Locale.ROOT, "%-12s %8s %8s %8s %8s%n", "algorithm", "hr@10", "ndcg@10", "users", "fit s"));
    for (String a : i.algorithms()) {
      Map<String, Double> m = i.metrics().getOrDefault(a, Map.of());
      sb.append(String.format(Locale.ROOT, "%-12s %8s %8s %8s %8s%n", a, f(m.get("hr@10"), 4), f(m.get("ndcg@10"), 4),
          f(m.get("users"), 0), f(m.get("fit_seconds"), 2)));
    }
    if (i.searchReport() != null) {
      Double fit = i.metrics().getOrDefault("search-ranker", Map.of()).get("fit_seconds");
      sb.append(i.searchReport()).append(fit == null ? "" : String.format(Locale.ROOT, " [%.1f s]", fit)).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static String f(Double v, int digits) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
