package io.shopsense.engine;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.Importer;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small generated store for the engine tests: generated and imported once per test JVM into a
 * template SQLite file, then copied into each test's own data directory (a copy is milliseconds,
 * an import seconds). 400 shoppers, 800 items, about 40,000 events, seed 7.
 */
public final class TestStores {
  public static final GeneratorSpec SPEC = new GeneratorSpec(400, 800, 40_000, 7);
  private static Path template;

  private TestStores() {}

  /** Test settings: no embeddings (fast index), small models, two threads. */
  public static final Map<String, String> TEST_CONFIG = Map.of(
      "engine.embeddings", "false",
      "engine.threads", "2",
      "engine.eval_users", "200",
      "engine.profile_flush_seconds", "3600",
      "engine.preload_users", "0",
      "als.factors", "32",
      "als.iterations", "6",
      "itemknn.neighbors", "100",
      "content.neighbors", "50");

  /** A fresh data directory holding a copy of the generated store. */
  public static synchronized Path copyInto(Path dataDir) {
    try {
      if (template == null) {
        Path root = Files.createDirectories(Path.of("target", "tmp")).toAbsolutePath();
        Path dir = Files.createTempDirectory(root, "engine-store");
        Path gen = dir.resolve("gen");
        new DataGenerator(SPEC).generate(gen);
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Store store = Stores.forDataDir(data)) {
          List<ImportSource> sources = new ArrayList<>();
          for (ImportSource.Kind k : ImportSource.Kind.values()) sources.add(ImportSource.jsonl(k, gen.resolve(k.defaultFileName())));
          new Importer(store).importAll(sources);
        }
        template = data.resolve(Stores.SQLITE_FILE);
      }
      Files.createDirectories(dataDir);
      Files.copy(template, dataDir.resolve(Stores.SQLITE_FILE));
      return dataDir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an engine on a fresh copy, with the test settings plus overrides. */
  public static ShopSense open(Path dataDir, Map<String, String> overrides) {
    copyInto(dataDir);
    return reopen(dataDir, overrides);
  }

  /** Opens an engine on an existing data directory with the test settings plus overrides. */
  public static ShopSense reopen(Path dataDir, Map<String, String> overrides) {
    EngineOptions o = new EngineOptions(dataDir, null, io.shopsense.core.config.Config.defaults().with(TEST_CONFIG).with(overrides));
    return ShopSense.open(o);
  }
}
