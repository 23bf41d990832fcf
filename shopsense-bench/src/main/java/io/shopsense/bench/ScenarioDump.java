package io.shopsense.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.config.Config;
import io.shopsense.core.model.Item;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes every scenario's and search's results (ids, scores, sources and reasons) for a fixed
 * sample of shoppers, one JSON line per request, without changing the store: an oracle for
 * optimisations of the serving path, whose output must not change. Run it before and after on
 * copies of the same data directory and compare the files ({@code cmp}).
 *
 * <p>Usage: {@code ScenarioDump --data DIR --out FILE [--users 1000]}.
 */
public final class ScenarioDump {
  private ScenarioDump() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs a = new BenchArgs(argv);
    Path data = Path.of(a.get("data", "target/bench-data/server-medium"));
    Path out = Path.of(a.get("out", "target/scenario-dump.jsonl"));
    int n = a.getInt("users", 1000);
    Config config = Config.load(data.resolve("shopsense.properties"), System.getenv(), Map.of("engine.embeddings", "false", "engine.preload_users", "0"));
    ObjectMapper json = new ObjectMapper();
    try (ShopSense engine = ShopSense.open(new EngineOptions(data, null, config));
         BufferedWriter w = Files.newBufferedWriter(out)) {
      Set<String> seen = new HashSet<>();
      List<String> users = new ArrayList<>();
      engine.internals().store().forEachEvent(e -> {
        if (users.size() < n && seen.add(e.user())) users.add(e.user());
      });
      users.add("dump-unknown-shopper");
      List<Item> items = new ArrayList<>(engine.internals().catalog().items());
      items.sort((x, y) -> x.id().compareTo(y.id()));
      SplittableRandom rnd = new SplittableRandom(17);
      for (String u : users) {
        String item = items.get(rnd.nextInt(items.size())).id();
        String word = items.get(rnd.nextInt(items.size())).title().split("\\s+")[0];
        for (Scenario sc : Scenario.values()) {
          for (boolean explain : new boolean[] {false, true}) {
            RecommendRequest r = new RecommendRequest(sc, u, sc == Scenario.SIMILAR || sc == Scenario.BOUGHT_TOGETHER ? item : null,
                List.of(), 10, null, explain, null);
            write(w, json, sc.wireName() + (explain ? " explain" : ""), u, item, engine.recommend(r).results());
          }
        }
        write(w, json, "search", u, word, engine.search(new SearchRequestParams(word, u, 10, 0, null, null, null, null, null, null,
            true, true, null, null)).results());
      }
    }
    System.out.println("wrote " + out);
  }

  private static void write(BufferedWriter w, ObjectMapper json, String what, String user, String arg, List<ResultItem> results)
      throws Exception {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("what", what);
    line.put("user", user);
    line.put("arg", arg);
    line.put("results", results);
    w.write(json.writeValueAsString(line));
    w.newLine();
  }
}
