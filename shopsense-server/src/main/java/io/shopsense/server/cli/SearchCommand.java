package io.shopsense.server.cli;

import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResponseJson;
import io.shopsense.engine.api.SearchRequestParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shopsense search}: one search, as a table or as the HTTP API's JSON body. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the catalog, personalised for a shopper.")
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (store, index, models).")
  Path data;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL; default: SQLite under DIR.")
  String storeUrl;

  @Option(names = "--user", paramLabel = "U", description = "Shopper id or alias (personalises the order).")
  String user;

  @Option(names = "--n", paramLabel = "N", defaultValue = "10", description = "Results (default 10).")
  int n;

  @Option(names = "--page", paramLabel = "P", defaultValue = "0", description = "0-based page (default 0).")
  int page;

  @Option(names = "--personalize", paramLabel = "true|false", defaultValue = "true", arity = "1",
      description = "Re-rank for the shopper (default true); false gives every shopper the same results.")
  boolean personalize;

  @Option(names = "--explain", description = "Say why each result is there.")
  boolean explain;

  @Option(names = "--json", description = "Print the JSON body the HTTP API returns.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (words are joined with spaces).")
  List<String> query;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String q = String.join(" ", query);
    try (ShopSense s = CliEngines.open(data, storeUrl, Map.of())) {
      Response r;
      try {
        r = s.search(new SearchRequestParams(q, user, n, page, null, null, null, null, null, null, personalize, explain,
            null, null));
      } catch (BadRequestException e) {
        throw new UserError((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
      }
      out.println(json ? ResponseJson.write(r) : ResultTable.format(r.results(), explain));
    }
    out.flush();
    return 0;
  }
}
