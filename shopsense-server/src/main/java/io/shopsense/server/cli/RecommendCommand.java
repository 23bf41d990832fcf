package io.shopsense.server.cli;

import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.NotFoundException;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResponseJson;
import io.shopsense.engine.api.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shopsense recommend}: one scenario's list, as a table or as the HTTP API's JSON body. */
@Command(name = "recommend", mixinStandardHelpOptions = true, description = "Recommendations of one scenario for a shopper or an item.")
public final class RecommendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (store, index, models).")
  Path data;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL; default: SQLite under DIR.")
  String storeUrl;

  @Option(names = "--scenario", required = true, paramLabel = "NAME",
      description = "for-you, similar, bought-together, buy-again, trending, new-arrivals, shops or promotions.")
  String scenario;

  @Option(names = "--user", paramLabel = "U", description = "Shopper id or alias.")
  String user;

  @Option(names = "--item", paramLabel = "I", description = "The item (similar, bought-together).")
  String item;

  @Option(names = "--cart", paramLabel = "IDS", split = ",", description = "Cart item ids (bought-together).")
  List<String> cart;

  @Option(names = "--n", paramLabel = "N", defaultValue = "10", description = "Results (default 10).")
  int n;

  @Option(names = "--explain", description = "Say why each result is there.")
  boolean explain;

  @Option(names = "--json", description = "Print the JSON body the HTTP API returns.")
  boolean json;

  @Override
  public Integer call() {
    Scenario sc = Scenario.fromWire(scenario);
    if (sc == null) {
      throw new UserError("unknown --scenario '" + scenario + "' (expected "
          + Arrays.stream(Scenario.values()).map(Scenario::wireName).collect(Collectors.joining(", ")) + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ShopSense s = CliEngines.open(data, storeUrl, Map.of())) {
      Response r;
      try {
        r = s.recommend(new RecommendRequest(sc, user, item, cart == null ? List.of() : cart, n, null, explain, null));
      } catch (BadRequestException e) {
        throw new UserError((e.field() == null ? "" : "--" + e.field() + ": ") + e.getMessage());
      } catch (NotFoundException e) {
        throw new UserError(e.getMessage());
      }
      out.println(json ? ResponseJson.write(r) : ResultTable.format(r.results(), explain));
    }
    out.flush();
    return 0;
  }
}
