package io.shopsense.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopsense.core.SharedData;
import io.shopsense.core.config.Config;
import io.shopsense.core.io.ImportFormat;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.Importer;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.eval.AlgorithmResult;
import io.shopsense.recommend.eval.EvalFiles;
import io.shopsense.recommend.eval.EvaluationReport;
import io.shopsense.recommend.eval.Evaluator;
import io.shopsense.recommend.eval.GridSearch;
import io.shopsense.recommend.eval.Protocols;
import io.shopsense.recommend.eval.Split;
import io.shopsense.recommend.eval.StoreData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reproduces docs/evaluation.md: for each public dataset and algorithm, tunes the hyper-parameters
 * on a validation split carved from the training data (never the test split), then evaluates the
 * chosen setting on the test split; averages folds where the dataset has several.
 *
 * <pre>
 * java -cp shopsense-bench/target/classes:shopsense-bench/target/lib/* io.shopsense.bench.EvaluationSuite \
 *     [--datasets ml100k,mlsmall,amazon,ncf,store] [--algorithms popular,itemknn,userknn,ease,als,bpr,content]
 *     [--out target/evaluation] [--threads 2] [--grid als.factors=64,128 ...] [--no-tune] [--store DIR]
 *     [--candidate als.factors=256,als.alpha=4 ...] [--val-seeds 43,44,45,46] [--set eval.seed=43 ...]
 * </pre>
 *
 * {@code --candidate} (repeatable) names exact combinations to try instead of an algorithm's grid
 * (e.g. the best few of earlier runs). {@code --val-seeds} carves one validation split per seed in
 * place of the dataset's single one and selects on the mean over them (ml100k, mlsmall, ncf, store;
 * Amazon's validation split is given). {@code --set KEY=VALUE} overrides a config key for every run
 * (e.g. {@code eval.seed}, which seeds both the carved splits and training).
 *
 * The {@code store} dataset is an imported store (e.g. from {@code generate --size small}) at
 * {@code --store DIR}, split by random holdout as {@code evaluate --data DIR --protocol holdout}
 * splits it; {@code content} runs only where the dataset has item text (the store, and Amazon
 * through {@link #amazonCatalog}).
 *
 * Writes {@code <out>/<dataset>.json} (fold reports, the mean, every tuning trial) and
 * {@code <out>/<dataset>.md} (the table for the docs, with the CLI command of each test run).
 */
public final class EvaluationSuite {
  /** The tuning grids: a few sensible values per key, the preferred (cheaper) value first. */
  static final Map<String, Map<String, List<String>>> GRIDS = new LinkedHashMap<>();

  static {
    GRIDS.put("popular", Map.of());
    GRIDS.put("itemknn", grid("itemknn.neighbors", "25,50,100,200,400,800", "itemknn.shrinkage", "0,10,50,200"));
    GRIDS.put("userknn", grid("userknn.neighbors", "25,50,100,200,400", "userknn.shrinkage", "0,10,50"));
    GRIDS.put("ease", grid("ease.lambda", "10,50,100,200,500,1000,2000,5000"));
    GRIDS.put("als", grid("als.factors", "32,64,128,256", "als.regularization", "1,10,50,200", "als.alpha", "1,5,20,50"));
    GRIDS.put("bpr", grid("bpr.factors", "128,256", "bpr.learning_rate", "0.02,0.05,0.1", "bpr.regularization",
        "0.003,0.01,0.03", "bpr.epochs", "100"));
    GRIDS.put("content", grid("content.neighbors", "25,50,100,200,400", "content.description", "true,false"));
    // shopsense-neural (the paper's architecture and Adam step; minutes per fit on 2 cores, so a small grid)
    GRIDS.put("multvae", grid("multvae.epochs", "100,200"));
  }

  /** One test split, its validation splits, and the CLI arguments that rerun the test evaluation. */
  record Fold(String name, Split test, List<Split> validations, Config config, String command, List<Item> catalog) {
    Fold(String name, Split test, List<Split> validations, Config config, String command) {
      this(name, test, validations, config, command, List.of());
    }
  }

  /** What the JSON file holds for one algorithm ({@code validation}: each fold's validation split names). */
  record Run(String algorithm, List<List<String>> validation, List<Map<String, String>> chosen, List<GridSearch.Outcome> tuning,
      EvaluationReport mean, List<EvaluationReport> folds) {}

  private EvaluationSuite() {}

  public static void main(String[] args) throws IOException {
    List<String> datasets = List.of("ml100k", "mlsmall", "amazon", "ncf");
    List<String> algorithms = List.of("popular", "itemknn", "userknn", "ease", "als", "bpr");
    Path out = Path.of("target/evaluation");
    int threads = Runtime.getRuntime().availableProcessors();
    boolean tune = true;
    Map<String, List<String>> gridOverrides = new LinkedHashMap<>();
    List<Map<String, String>> candidates = new ArrayList<>();
    List<Long> valSeeds = null;
    Map<String, String> sets = new LinkedHashMap<>();
    Path storeDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> datasets = List.of(args[++i].split(","));
        case "--algorithms" -> algorithms = List.of(args[++i].split(","));
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--no-tune" -> tune = false;
        case "--store" -> storeDir = Path.of(args[++i]);
        case "--val-seeds" -> valSeeds = Arrays.stream(args[++i].split(",")).map(Long::valueOf).toList();
        case "--candidate" -> {
          Map<String, String> combo = new LinkedHashMap<>();
          for (String kv : args[++i].split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) throw new IllegalArgumentException("--candidate takes key=value,key=value, got " + kv);
            combo.put(p[0], p[1]);
          }
          candidates.add(combo);
        }
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          if (kv.length != 2) throw new IllegalArgumentException("--set takes KEY=VALUE, got " + args[i]);
          sets.put(kv[0], kv[1]);
        }
        case "--grid" -> {
          String[] kv = args[++i].split("=", 2);
          gridOverrides.put(kv[0], List.of(kv[1].split(",")));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path data = SharedData.dir().orElseThrow(() -> new IllegalStateException("shared data directory not found"));
    Files.createDirectories(out);
    sets.putIfAbsent("eval.threads", Integer.toString(threads));
    Config base = Config.defaults().with(sets);
    Evaluator evaluator = new Evaluator(Recommenders::create);
    for (String ds : datasets) {
      List<Fold> folds = folds(ds, data, base, out, storeDir, valSeeds);
      List<Run> runs = new ArrayList<>();
      for (String algo : algorithms) {
        if (algo.equals("content") && folds.get(0).catalog().isEmpty()) {
          System.out.println(ds + ": content skipped (no catalog with item text)");
          continue;
        }
        Map<String, List<String>> grid = new LinkedHashMap<>(GRIDS.getOrDefault(algo, Map.of()));
        gridOverrides.forEach((k, v) -> {
          if (k.startsWith(algo + ".")) grid.put(k, v);
        });
        // this algorithm's --candidate combinations replace its grid
        List<Map<String, String>> combos = candidates.stream()
            .filter(c -> c.keySet().stream().allMatch(k -> k.startsWith(algo + "."))).toList();
        if (combos.isEmpty()) combos = GridSearch.combinations(grid);
        List<Map<String, String>> chosen = new ArrayList<>();
        List<GridSearch.Outcome> tuning = new ArrayList<>();
        List<EvaluationReport> reports = new ArrayList<>();
        for (Fold f : folds) {
          Map<String, String> best = Map.of();
          boolean any = !combos.get(0).isEmpty();
          if (tune && any) {
            GridSearch.Outcome o = GridSearch.search(evaluator, algo, f.validations(), f.config(), combos, "ndcg", f.catalog());
            tuning.add(o);
            best = o.best();
          } else if (any) {
            best = combos.get(0);
          }
          chosen.add(best);
          Config c = f.config().with(best);
          EvaluationReport r = evaluator.evaluate(f.test(), List.of(algo), c, f.catalog(), f.name(), ds, null);
          reports.add(r);
          System.out.printf(Locale.ROOT, "%s %s %s %s: ndcg@10 %.4f hr@10 %.4f (fit %.1f s)%n", ds, f.name(), algo, best,
              r.results().get(0).metric("ndcg"), r.results().get(0).metric("hit_rate"), r.results().get(0).fitSeconds());
        }
        List<List<String>> validation = folds.stream().map(f -> f.validations().stream().map(Split::name).toList()).toList();
        runs.add(new Run(algo, validation, chosen, tuning, EvaluationReport.mean(reports, ds + " mean of " + reports.size()), reports));
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(ds + ".json").toFile(), runs);
      // the CLI lines repeat the --set keys (the CLI takes eval.threads=0, all cores, itself)
      Map<String, String> cliSets = new LinkedHashMap<>(sets);
      cliSets.remove("eval.threads");
      Files.writeString(out.resolve(ds + ".md"), markdown(ds, folds, runs, cliSets));
      System.out.println(markdown(ds, folds, runs, cliSets));
    }
  }

  /**
   * The test splits of a dataset with validation splits carved from their training parts: one per
   * seed of {@code valSeeds}, or null for the dataset's usual single split.
   */
  static List<Fold> folds(String ds, Path data, Config base, Path out, Path storeDir, List<Long> valSeeds) {
    long seed = base.getLong("eval.seed");
    // ml100k and ncf carve their validation split with the seed itself, mlsmall and store with seed + 1
    List<Long> same = valSeeds == null ? List.of(seed) : valSeeds;
    List<Long> next = valSeeds == null ? List.of(seed + 1) : valSeeds;
    List<Fold> folds = new ArrayList<>();
    switch (ds) {
      case "ml100k" -> {
        Path d = data.resolve("movielens-100k");
        for (int f = 1; f <= 5; f++) {
          Path tr = d.resolve("u" + f + ".base"), te = d.resolve("u" + f + ".test");
          Split test = EvalFiles.givenSplit(tr, te, EvalFiles.Format.MOVIELENS, base);
          folds.add(new Fold("u" + f, test, carve(same, vs -> Protocols.holdout(test.train(), 0.2, vs)), base,
              "--train " + tr + " --test " + te + " --format movielens"));
        }
      }
      case "mlsmall" -> {
        // through a real store, exactly as `import` + `evaluate --data DIR --protocol holdout` do
        Path store = out.resolve("mlsmall-store");
        Path csv = data.resolve("movielens-latest-small/ratings.csv");
        Config c = base.with(Map.of("weight.rate", "1", "matrix.half_life_days", "0"));
        try (Store s = Stores.forDataDir(createStore(store))) {
          if (s.eventCount() == 0) new Importer(s).importFile(new ImportSource(ImportSource.Kind.EVENTS, csv, ImportFormat.MOVIELENS));
          Split test = StoreData.read(s, c).split("holdout", c);
          folds.add(new Fold("holdout", test, carve(next, vs -> Protocols.holdout(test.train(), 0.2, vs)), c,
              "--data " + store + " --protocol holdout --set weight.rate=1 --set matrix.half_life_days=0"));
        }
      }
      case "amazon" -> {
        Path d = data.resolve("amazon-scientific-decorec");
        Path tr = d.resolve("Scientific.train.inter"), va = d.resolve("Scientific.valid.inter"), te = d.resolve("Scientific.test.inter");
        if (valSeeds != null) throw new IllegalArgumentException("--val-seeds: amazon's validation split is given, not carved");
        folds.add(new Fold("loo", EvalFiles.givenSplit(va, te, EvalFiles.Format.RECBOLE, base),
            List.of(EvalFiles.givenSplit(tr, va, EvalFiles.Format.RECBOLE, base)), base,
            "--train " + va + " --test " + te + " --format recbole", amazonCatalog(d)));
      }
      case "ncf" -> {
        Path d = data.resolve("ncf");
        Path tr = d.resolve("ml-1m.train.rating"), te = d.resolve("ml-1m.test.rating");
        Split test = EvalFiles.givenSplit(tr, te, EvalFiles.Format.NCF, base);
        List<Split> val = carve(same,
            vs -> Protocols.withSampledNegatives(Protocols.leaveOneOutRandom(test.train(), vs), 99, vs));
        folds.add(new Fold("ncf", test, val, base, "--train " + tr + " --test " + te + " --format ncf"));
      }
      case "store" -> {
        // an imported store with a catalog, at its production weights (weight.*, matrix.*)
        if (storeDir == null || !Files.isDirectory(storeDir)) throw new IllegalArgumentException("dataset store needs --store DIR");
        try (Store s = Stores.forDataDir(storeDir)) {
          StoreData sd = StoreData.read(s, base);
          Split test = sd.split("holdout", base);
          folds.add(new Fold("holdout", test, carve(next, vs -> Protocols.holdout(test.train(), 0.2, vs)), base,
              "--data " + storeDir + " --protocol holdout", sd.catalog()));
        }
      }
      default -> throw new IllegalArgumentException("unknown dataset " + ds + " (ml100k, mlsmall, amazon, ncf, store)");
    }
    return folds;
  }

  private static List<Split> carve(List<Long> seeds, java.util.function.LongFunction<Split> split) {
    return seeds.stream().map(split::apply).toList();
  }

  /**
   * The Amazon items as a catalog for content-based models: {@code Scientific.text} (ASIN, "title.
   * category path. brand.") joined to {@code Scientific.item2index} (ASIN to the index the .inter files
   * use as item id). The whole text goes in the title; the CLI has no such reader, so content on
   * this dataset runs here only.
   */
  static List<Item> amazonCatalog(Path dir) {
    try {
      Map<String, String> text = new LinkedHashMap<>();
      for (String line : Files.readAllLines(dir.resolve("Scientific.text"))) {
        String[] f = line.split("\t", 2);
        if (f.length == 2 && !f[0].equals("item_id:token")) text.put(f[0], f[1].trim());
      }
      List<Item> items = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("Scientific.item2index"))) {
        String[] f = line.split("\t");
        if (f.length == 2 && text.containsKey(f[0])) {
          items.add(new Item(f[1].trim(), text.get(f[0]), null, null, null, null, 0, true, Map.of(), 0));
        }
      }
      return items;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path createStore(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String markdown(String ds, List<Fold> folds, List<Run> runs, Map<String, String> sets) {
    StringBuilder sb = new StringBuilder();
    sb.append("#### ").append(ds).append(" (").append(LocalDate.now()).append(", ")
        .append(folds.size() == 1 ? "1 split" : "mean ± sd over " + folds.size() + " folds").append(")\n\n");
    sb.append("| algorithm | chosen on validation | HR@10 | NDCG@10 | P@10 | R@10 | MAP@10 | MRR@10 | AUC | coverage | novelty | ILD | fit s |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      AlgorithmResult a = r.mean().results().get(0);
      sb.append("| ").append(r.algorithm()).append(" | ").append(chosen(r.chosen())).append(" | ");
      for (String m : List.of("hit_rate", "ndcg", "precision", "recall", "map", "mrr", "auc", "coverage", "novelty", "diversity")) {
        Double v = a.metrics().get(m);
        Double sd = a.stddev().get(m);
        sb.append(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v));
        if (sd != null && (m.equals("ndcg") || m.equals("hit_rate"))) sb.append(String.format(Locale.ROOT, " ±%.4f", sd));
        sb.append(" | ");
      }
      sb.append(String.format(Locale.ROOT, "%.1f |%n", a.fitSeconds()));
    }
    sb.append("\nTest runs (each fold):\n\n```\n");
    for (Run r : runs) {
      for (int f = 0; f < folds.size(); f++) {
        StringBuilder cmd = new StringBuilder("./shopsense evaluate ").append(folds.get(f).command())
            .append(" --algorithms ").append(r.algorithm());
        sets.forEach((k, v) -> cmd.append(" --set ").append(k).append('=').append(v));
        r.chosen().get(f).forEach((k, v) -> cmd.append(" --set ").append(k).append('=').append(v));
        sb.append(cmd).append('\n');
      }
    }
    sb.append("```\n");
    return sb.toString();
  }

  private static String chosen(List<Map<String, String>> perFold) {
    if (perFold.stream().allMatch(Map::isEmpty)) return "-";
    if (perFold.stream().distinct().count() == 1) return fmt(perFold.get(0));
    List<String> parts = new ArrayList<>();
    for (int f = 0; f < perFold.size(); f++) parts.add("u" + (f + 1) + ": " + fmt(perFold.get(f)));
    return String.join("; ", parts);
  }

  private static String fmt(Map<String, String> m) {
    List<String> p = new ArrayList<>();
    m.forEach((k, v) -> p.add(k.substring(k.indexOf('.') + 1) + "=" + v));
    return String.join(", ", p);
  }

  private static Map<String, List<String>> grid(String... kv) {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) g.put(kv[i], Arrays.asList(kv[i + 1].split(",")));
    return g;
  }
}
