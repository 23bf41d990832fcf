package io.shopsense.server.cli;

import io.shopsense.core.io.ImportFormat;
import io.shopsense.core.io.ImportReport;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.io.Importer;
import io.shopsense.core.io.InputException;
import io.shopsense.core.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopsense import}: loads JSONL (or MovieLens / NCF ratings as events) into the store. By
 * default a bad line in any file leaves the store unchanged (catalog files are validated first, the
 * events file is written in one transaction that the bad line rolls back) and exits 2 naming the
 * file, line and field.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import shops, items, promotions and events into the store.",
        "Without file options, imports shops.jsonl, items.jsonl, promotions.jsonl and events.jsonl found in DIR "
            + "(as 'generate --out DIR' writes them).",
        "A bad line in any file leaves the store unchanged, unless --skip-bad."})
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Data directory (created when missing); holds the SQLite store.")
  Path data;

  @Option(names = "--items", paramLabel = "F", description = "Items JSONL file.")
  Path items;

  @Option(names = "--shops", paramLabel = "F", description = "Shops JSONL file.")
  Path shops;

  @Option(names = "--promotions", paramLabel = "F", description = "Promotions JSONL file.")
  Path promotions;

  @Option(names = "--events", paramLabel = "F", description = "Events file (JSONL, or ratings with --format).")
  Path events;

  @Option(names = "--format", paramLabel = "jsonl|movielens|ncf", defaultValue = "jsonl",
      description = "Format of the events file: jsonl (default), movielens (u.data, ratings.dat, ratings.csv) or ncf (*.rating).")
  String format;

  @Option(names = "--skip-bad", description = "Import the good lines, count and report the bad ones instead of rejecting the file.")
  boolean skipBad;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL (sqlite:<path> or postgresql://...); default: SQLite under DIR.")
  String storeUrl;

  @Override
  public Integer call() {
    ImportFormat fmt = ImportFormat.fromWire(format);
    if (fmt == null) throw new UserError("unknown --format '" + format + "' (expected one of jsonl, movielens, ncf)");
    List<ImportSource> sources = sources(fmt);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Store store = CliStores.open(data, storeUrl, true)) {
      Importer importer = new Importer(store).skipBad(skipBad).progress(line -> {
        err.println(line);
        err.flush();
      });
      List<ImportReport> reports = importer.importAll(sources);
      for (ImportReport r : reports) {
        out.println(r.summary());
        for (InputException e : r.errors()) err.println("  skipped " + e.getMessage());
        if (r.bad() > r.errors().size()) err.println("  ... and " + (r.bad() - r.errors().size()) + " more bad lines");
      }
      out.println("store " + store.url() + ": " + store.shopCount() + " shops, " + store.itemCount() + " items, "
          + store.promotionCount() + " promotions, " + store.eventCount() + " events");
    } catch (InputException e) {
      throw new UserError(e.getMessage());
    }
    out.flush();
    return 0;
  }

  private List<ImportSource> sources(ImportFormat fmt) {
    if (fmt != ImportFormat.JSONL && (items != null || shops != null || promotions != null)) {
      throw new UserError("--format " + fmt.wireName() + " reads ratings as events: give only --events");
    }
    if (fmt != ImportFormat.JSONL && events == null) {
      throw new UserError("--format " + fmt.wireName() + " needs --events FILE");
    }
    List<ImportSource> list = new ArrayList<>();
    if (shops != null) list.add(ImportSource.jsonl(Kind.SHOPS, shops));
    if (items != null) list.add(ImportSource.jsonl(Kind.ITEMS, items));
    if (promotions != null) list.add(ImportSource.jsonl(Kind.PROMOTIONS, promotions));
    if (events != null) list.add(new ImportSource(Kind.EVENTS, events, fmt));
    if (!list.isEmpty()) return list;
    for (Kind k : Kind.values()) {
      Path f = data.resolve(k.defaultFileName());
      if (Files.isRegularFile(f)) list.add(ImportSource.jsonl(k, f));
    }
    if (list.isEmpty()) {
      throw new UserError("nothing to import: give --items, --shops, --promotions or --events, or put shops.jsonl, "
          + "items.jsonl, promotions.jsonl or events.jsonl in " + data);
    }
    return list;
  }
}
