package io.shopsense.server.cli;

import io.shopsense.core.config.Config;
import io.shopsense.core.io.InputException;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.eval.EvalFiles;
import io.shopsense.recommend.eval.EvaluationReport;
import io.shopsense.recommend.eval.Evaluator;
import io.shopsense.recommend.eval.RecsWriter;
import io.shopsense.recommend.eval.ReportFormat;
import io.shopsense.recommend.eval.Split;
import io.shopsense.recommend.eval.StoreData;
import java.nio.file.Files;
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
 * {@code ./shopsense evaluate}: offline evaluation (DESIGN.md section 4). Either splits a store
 * ({@code --data DIR --protocol holdout|temporal|loo|ncf}) or reads a given split
 * ({@code --train FILE --test FILE [--format movielens|ncf|jsonl|recbole]}), fits each algorithm on
 * the training part and prints every metric at k; {@code --json} writes the full report and
 * {@code --dump-recs} each test user's list.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Offline evaluation of recommenders: split a store or read a given train/test split, fit each "
        + "algorithm on the training part, rank every test user and report the metrics at k.",
        "Full-ranking protocols rank the whole catalog minus the user's training items; ncf ranks the held-out "
            + "item among the negatives. Ties are broken pessimistically."})
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "data directory holding the store to split")
  Path data;

  @Option(names = "--protocol", paramLabel = "PROTOCOL",
      description = "with --data: holdout | temporal | loo | ncf (eval.test_fraction, eval.temporal, eval.negatives); "
          + "--task search is always temporal (rank.eval.holdout)")
  String protocol;

  @Option(names = "--train", paramLabel = "FILE", description = "training file of a given split")
  Path train;

  @Option(names = "--test", paramLabel = "FILE",
      description = "test file of a given split (with --format ncf: the *.test.rating file; *.test.negative must be beside it)")
  Path test;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "movielens | ncf | jsonl | recbole; default from the file names (*.jsonl, *.inter, *.test.rating, else movielens)")
  String format;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "recommend", description = "recommend (default) | search: BM25, hybrid and personalized re-ranking on held-out logged searches")
  String task;

  @Option(names = "--algorithms", paramLabel = "LIST", description = "comma-separated algorithms (default: eval.algorithms)")
  String algorithms;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set als.factors=64")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--k", paramLabel = "N", description = "cut-off of the ranking metrics (default: eval.k = 10)")
  Integer k;

  @Option(names = "--json", paramLabel = "FILE", description = "write the report with every figure and the configuration")
  Path json;

  @Option(names = "--dump-recs", paramLabel = "FILE", description = "write each test user's list as JSON Lines {\"user\",\"items\"}")
  Path dumpRecs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    checkUsage();
    Map<String, String> overrides = new LinkedHashMap<>(sets);
    if (k != null) overrides.put("eval.k", Integer.toString(k));
    Config config = Config.load(data == null ? null : data.resolve("shopsense.properties"), System.getenv(), overrides);
    if (task.equals("search")) {
      EvaluationReport report;
      try (Store store = openStore()) {
        report = SearchEvaluate.run(data, store, config, config.getInt("eval.k"));
      }
      spec.commandLine().getOut().print(ReportFormat.table(report));
      spec.commandLine().getOut().flush();
      if (json != null) ReportFormat.writeJson(report, json);
      return 0;
    }
    List<String> algos = algorithms(config);
    for (String a : algos) Recommenders.create(a, config); // unknown names and bad parameters fail before any data is read
    Evaluator evaluator = new Evaluator(Recommenders::create);
    EvaluationReport report;
    try (RecsWriter dump = dumpRecs == null ? null : new RecsWriter(dumpRecs)) {
      if (data != null) {
        try (Store store = openStore()) {
          StoreData sd = StoreData.read(store, config);
          Split split = sd.split(protocol, config);
          report = evaluator.evaluate(split, algos, config, sd.catalog(), "store " + store.url(),
              protocol.toLowerCase(Locale.ROOT), dump);
        }
      } else {
        EvalFiles.Format f = format == null ? inferFormat(train, test) : EvalFiles.format(format);
        Split split = EvalFiles.givenSplit(train, test, f, config);
        report = evaluator.evaluate(split, algos, config, List.of(), train + " + " + test,
            f == EvalFiles.Format.NCF ? "ncf" : "given", dump);
      }
    } catch (InputException e) {
      throw new UserError(e.getMessage());
    }
    spec.commandLine().getOut().print(ReportFormat.table(report));
    spec.commandLine().getOut().flush();
    if (json != null) ReportFormat.writeJson(report, json);
    return 0;
  }

  private void checkUsage() {
    if (task.equals("search")) {
      if (data == null) throw new UserError("--task search needs --data DIR (a store with logged searches, e.g. from generate + import)");
      if (train != null || test != null || format != null) throw new UserError("--task search evaluates a store: use --data DIR, not --train/--test/--format");
      if (protocol != null && !protocol.equalsIgnoreCase("temporal")) {
        throw new UserError("--task search uses the temporal protocol (the last rank.eval.holdout of the searches), got --protocol " + protocol);
      }
      if (algorithms != null) throw new UserError("--task search compares bm25, hybrid and the re-rankers; --algorithms does not apply");
      if (dumpRecs != null) throw new UserError("--dump-recs applies to --task recommend");
      if (k != null && k < 1) throw new UserError("--k must be at least 1, got " + k);
      return;
    }
    if (!task.equals("recommend")) throw new UserError("unknown --task '" + task + "' (expected recommend or search)");
    boolean given = train != null || test != null;
    if (data != null && given) throw new UserError("give either --data DIR --protocol P or --train FILE --test FILE, not both");
    if (data == null && !given) throw new UserError("give --data DIR --protocol holdout|temporal|loo|ncf, or --train FILE --test FILE");
    if (data != null) {
      if (protocol == null) throw new UserError("--data needs --protocol holdout|temporal|loo|ncf");
      if (!List.of("holdout", "temporal", "loo", "ncf").contains(protocol.toLowerCase(Locale.ROOT))) {
        throw new UserError("unknown --protocol '" + protocol + "' (expected holdout, temporal, loo or ncf)");
      }
      if (format != null) throw new UserError("--format applies to --train/--test files, not to --data");
    } else {
      if (train == null || test == null) throw new UserError("a given split needs both --train FILE and --test FILE");
      if (protocol != null) throw new UserError("--protocol applies to --data; a given split is already split");
      for (Path p : List.of(train, test)) if (!Files.isRegularFile(p)) throw new UserError("no such file: " + p);
    }
    if (k != null && k < 1) throw new UserError("--k must be at least 1, got " + k);
  }

  private Store openStore() {
    if (!Files.isDirectory(data)) throw new UserError("no such data directory: " + data);
    if (!Files.isRegularFile(data.resolve(Stores.SQLITE_FILE))) {
      throw new UserError("no store in " + data + " (expected " + Stores.SQLITE_FILE + "); run ./shopsense import or generate first");
    }
    return Stores.forDataDir(data);
  }

  private List<String> algorithms(Config config) {
    String list = algorithms != null ? algorithms : config.get("eval.algorithms");
    List<String> out = new ArrayList<>();
    for (String a : list.split(",")) {
      String t = a.trim();
      if (t.isEmpty()) continue;
      if (out.contains(t)) throw new UserError("algorithm '" + t + "' listed twice in --algorithms");
      out.add(t);
    }
    if (out.isEmpty()) throw new UserError("--algorithms names no algorithm");
    return out;
  }

  /** Guesses the format of a given split from the file names. */
  static EvalFiles.Format inferFormat(Path train, Path test) {
    String tr = train.getFileName().toString().toLowerCase(Locale.ROOT);
    String te = test.getFileName().toString().toLowerCase(Locale.ROOT);
    if (tr.endsWith(".jsonl") || te.endsWith(".jsonl")) return EvalFiles.Format.JSONL;
    if (tr.endsWith(".inter") || te.endsWith(".inter")) return EvalFiles.Format.RECBOLE;
    if (te.endsWith(".test.rating")) return EvalFiles.Format.NCF;
    return EvalFiles.Format.MOVIELENS;
  }
}
