package io.shopsense.search.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.recommend.eval.ReportFormat;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.TestModels;
import io.shopsense.search.index.CatalogIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchEvalTest {
  @Test
  void run() throws Exception {
    Path dir = Path.of(System.getProperty("scratch.store", "target/scratch-store")).toAbsolutePath();
    if (!Files.exists(dir.resolve("events.jsonl"))) {
      new DataGenerator(new GeneratorSpec(Integer.getInteger("scratch.users", 1000), Integer.getInteger("scratch.items", 2000),
          Integer.getInteger("scratch.events", 100000), 42)).generate(dir);
    }
    SearchEvaluation.Data d = GeneratedStore.read(dir);
    Path idx = Files.createTempDirectory(Path.of("target/tmp"), "idx");
    boolean embed = Boolean.getBoolean("scratch.embed");
    Config c0 = Config.defaults().with(Map.of("search.page.max_size", "200"));
    try (CatalogIndex index = CatalogIndex.open(idx, SearchSettings.from(c0), embed ? TestModels.embedder() : null)) {
      index.replaceAll(d.items(), Map.of());
      for (String run : System.getProperty("scratch.set", "").split("\\|")) {
        Map<String, String> o = new HashMap<>();
        for (String kv : run.split(";")) {
          if (kv.isBlank()) continue;
          int eq = kv.indexOf('=');
          o.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Config c = c0.with(o);
        long t = System.nanoTime();
        System.out.println("RUN " + run);
        System.out.println(ReportFormat.table(SearchEvaluation.run(d, index, c, 10)));
        System.out.println("eval seconds " + (System.nanoTime() - t) / 1e9);
      }
    }
  }
}
