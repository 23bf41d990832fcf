package io.shopsense.server;

import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.Importer;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One small generated store (300 shoppers, 600 items, 20,000 events, seed 11), imported, opened and
 * trained once per test JVM; every server test class starts its own server (with its own options)
 * over this engine. Tests that change state use shopper ids of their own so they do not disturb
 * each other.
 */
public final class TestEngine {
  static final GeneratorSpec SPEC = new GeneratorSpec(300, 600, 20_000, 11);
  /** Fast settings: BM25 only, small models. */
  static final Map<String, String> CONFIG = Map.of(
      "engine.embeddings", "false",
      "engine.threads", "2",
      "engine.eval_users", "100",
      "als.factors", "16",
      "als.iterations", "5");
  private static ShopSense engine;
  private static Path dataDir;

  private TestEngine() {}

  /** The shared, trained engine. */
  public static synchronized ShopSense shared() {
    if (engine == null) {
      dataDir = fresh("server-engine");
      engine = open(dataDir);
      engine.train();
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
    }
    return engine;
  }

  /** The shared engine's data directory. */
  public static synchronized Path dataDir() {
    shared();
    return dataDir;
  }

  /** A new data directory holding a freshly generated and imported store (not trained). */
  public static Path fresh(String name) {
    try {
      Path root = Files.createDirectories(Path.of("target", "tmp")).toAbsolutePath();
      Path dir = Files.createTempDirectory(root, name);
      Path gen = dir.resolve("gen");
      new DataGenerator(SPEC).generate(gen);
      Path data = Files.createDirectories(dir.resolve("data"));
      try (Store store = Stores.forDataDir(data)) {
        List<ImportSource> sources = new ArrayList<>();
        for (ImportSource.Kind k : ImportSource.Kind.values()) sources.add(ImportSource.jsonl(k, gen.resolve(k.defaultFileName())));
        new Importer(store).importAll(sources);
      }
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an engine on a data directory with the test settings. */
  public static ShopSense open(Path data) {
    return ShopSense.open(new EngineOptions(data, null, Config.defaults().with(CONFIG)));
  }
}
