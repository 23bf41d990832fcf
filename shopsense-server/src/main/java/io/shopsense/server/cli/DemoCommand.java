package io.shopsense.server.cli;

import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.generate.GeneratorSummary;
import io.shopsense.core.io.ImportReport;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.StoreStats;
import io.shopsense.core.store.Stores;
import io.shopsense.server.demo.DemoStore;
import io.shopsense.server.demo.StepTimer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./shopsense demo [--data DIR] [--port 8080] [--size small|medium]}: everything a new user
 * needs in one command. Generates the synthetic store, imports it, and prints its statistics; each
 * step is skipped when an earlier start on the same {@code --data} finished it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a demo store, import it, train every model and serve the API and web console.",
        "A second start on the same --data directory reuses what is built."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (created when missing). Default: ./demo-data/<size>.")
  Path data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "HTTP port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--size", paramLabel = "small|medium", defaultValue = "medium",
      description = "small (2k items, 1k shoppers, 100k events) or medium (20k, 10k, 1M). Default: ${DEFAULT-VALUE}.")
  String size;

  @Override
  public Integer call() {
    GeneratorSpec gs = GeneratorSpec.ofSize(size);
    if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
    Path dir = data != null ? data : Path.of("demo-data", size.toLowerCase(Locale.ROOT));
    if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserError("--data " + dir + " is a file, not a directory");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DemoStore store = new DemoStore(dir, gs);
    store.checkCompatible();
    out.printf(Locale.ROOT, "ShopSense demo: %s store (%,d shoppers, %,d items, about %,d events, seed %d) in %s%n",
        size, gs.users(), gs.items(), gs.events(), gs.seed(), dir.toAbsolutePath().normalize());
    out.flush();
    StepTimer t = new StepTimer(err, 3);

    if (store.generated()) {
      t.begin("generate", "reusing " + store.generatedDir());
      t.end("already generated");
    } else {
      t.begin("generate", "writing the synthetic store to " + store.generatedDir());
      GeneratorSummary g = store.generate(t);
      t.end(String.format(Locale.ROOT, "%,d items, %,d shops, %,d promotions, %,d events", g.items(), g.shops(),
          g.promotions(), g.events()));
    }

    if (store.imported()) {
      t.begin("import", "reusing " + store.storeUrl());
      t.end("already imported");
    } else {
      t.begin("import", "loading the JSONL files into " + store.storeUrl());
      long records = 0;
      for (ImportReport r : store.importGenerated(t)) records += r.imported();
      t.end(String.format(Locale.ROOT, "%,d records", records));
    }

    t.begin("stats", "counting");
    try (Store s = Stores.open(store.storeUrl())) {
      String table = StatsCommand.format(s.url(), StoreStats.of(s));
      t.end("done");
      out.println(table);
    }
    out.printf(Locale.ROOT, "Ready in %.1f s.%n", t.totalSeconds());
    out.flush();
    return 0;
  }
}
