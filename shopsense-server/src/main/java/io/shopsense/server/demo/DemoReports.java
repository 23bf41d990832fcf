package io.shopsense.server.demo;

import io.shopsense.core.config.Config;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.eval.EvaluationReport;
import io.shopsense.recommend.eval.Evaluator;
import io.shopsense.recommend.eval.ReportFormat;
import io.shopsense.recommend.eval.Split;
import io.shopsense.recommend.eval.StoreData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's evaluation report: after the demo is serving, {@code evaluate --protocol holdout} runs
 * in the background at each cut-off of {@code console.demo_eval_ks} over the engine's algorithms, and
 * writes {@code <data>/reports/holdout-k<K>.json}, which the console's Evaluation page draws (metric
 * vs k, algorithm vs algorithm). Skipped when the directory already holds a report (a second start).
 * Each file appears whole (written aside, then renamed), so the console never reads half of one.
 */
final class DemoReports {
  private DemoReports() {}

  /** Starts the background run, or returns null when there is nothing to do. */
  static Thread startInBackground(Path reports, String storeUrl, Config config, PrintWriter log) {
    List<Integer> ks = cutOffs(config.get("console.demo_eval_ks"));
    if (ks.isEmpty() || hasReport(reports)) return null;
    Thread t = new Thread(() -> run(reports, storeUrl, config, ks, log), "shopsense-demo-evaluate");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY); // serving first
    t.start();
    return t;
  }

  /**
   * Interrupts the evaluation and waits for it, so no report is written into the data directory
   * after the demo has closed (a caller may delete the directory next).
   */
  static void stop(Thread evaluation) {
    if (evaluation == null) return;
    evaluation.interrupt();
    try {
      evaluation.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<Integer> cutOffs(String list) {
    List<Integer> out = new ArrayList<>();
    for (String s : list.split(",")) {
      if (s.isBlank()) continue;
      int k;
      try {
        k = Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("console.demo_eval_ks must list cut-offs like 5,10,20, got '" + list + "'");
      }
      if (k < 1) throw new IllegalArgumentException("console.demo_eval_ks: each cut-off must be >= 1, got " + k);
      out.add(k);
    }
    return out;
  }

  private static boolean hasReport(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      return ds.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void run(Path reports, String storeUrl, Config config, List<Integer> ks, PrintWriter log) {
    List<String> algorithms = new ArrayList<>();
    for (String a : config.get("engine.algorithms").split(",")) if (!a.isBlank()) algorithms.add(a.strip());
    try (Store store = Stores.open(storeUrl)) {
      long t0 = System.nanoTime();
      StoreData data = StoreData.read(store, config);
      Split split = data.split("holdout", config);
      Files.createDirectories(reports);
      for (int k : ks) {
        if (Thread.currentThread().isInterrupted()) return; // the demo is closing
        Config c = config.with(java.util.Map.of("eval.k", Integer.toString(k)));
        EvaluationReport r = new Evaluator(Recommenders::create).evaluate(split, algorithms, c, data.catalog(),
            "store " + store.url(), "holdout", null);
        if (Thread.currentThread().isInterrupted()) return;
        Path tmp = reports.resolve(".holdout-k" + k + ".json.tmp");
        ReportFormat.writeJson(r, tmp);
        Files.move(tmp, reports.resolve("holdout-k" + k + ".json"), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        log.printf(Locale.ROOT, "[evaluate] holdout at k=%d written to %s (%.1f s since the start of the evaluation)%n", k,
            reports.resolve("holdout-k" + k + ".json"), (System.nanoTime() - t0) / 1e9);
        log.flush();
      }
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) return; // stopped because the demo closed
      // a background nicety: the demo keeps serving, the console's Evaluation page says how to run it
      log.println("[evaluate] the demo's evaluation report failed: " + e.getMessage());
      log.flush();
    }
  }
}
