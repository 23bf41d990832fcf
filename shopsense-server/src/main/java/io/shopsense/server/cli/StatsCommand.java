package io.shopsense.server.cli;

import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.StoreStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shopsense stats}: what the store holds, as a table. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Print counts of items, shops, promotions and events (per type), distinct users and items, and sparsity.")
public final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory holding the store.")
  Path data;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL; default: SQLite under DIR.")
  String storeUrl;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = CliStores.open(data, storeUrl, false)) {
      StoreStats s = StoreStats.of(store);
      out.println(format(store.url(), s));
    }
    out.flush();
    return 0;
  }

  /** The table: one "name  value" row per figure, event types indented under events with their share. */
  static String format(String url, StoreStats s) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-20s %s%n", "store", url));
    row(sb, "shops", n(s.shops()));
    row(sb, "items", n(s.items()));
    row(sb, "promotions", n(s.promotions()));
    row(sb, "events", n(s.events()));
    for (EventType t : EventType.values()) {
      long c = s.eventsByType().getOrDefault(t, 0L);
      row(sb, "  " + t.wireName(), n(c) + (s.events() == 0 ? "" : String.format(Locale.ROOT, "  %5.1f%%", 100.0 * c / s.events())));
    }
    row(sb, "users", n(s.users()));
    row(sb, "items with events", n(s.itemsWithEvents()));
    row(sb, "user-item pairs", n(s.pairs()));
    row(sb, "sparsity", String.format(Locale.ROOT, "%13.6f", s.sparsity()));
    return sb.toString().stripTrailing();
  }

  private static void row(StringBuilder sb, String name, String value) {
    sb.append(String.format(Locale.ROOT, "%-20s %s%n", name, value));
  }

  /** Counts right-aligned, so the digits line up. */
  private static String n(long v) {
    return String.format(Locale.ROOT, "%,13d", v);
  }
}
