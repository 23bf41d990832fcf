package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResponseJson;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.TrainReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSmokeTest {
  @TempDir Path dir;

  @Test
  void opensTrainsAndServes() {
    try (ShopSense s = TestStores.open(dir.resolve("data"), Map.of())) {
      Response before = s.recommend(new RecommendRequest(Scenario.FOR_YOU, "u1", null, null, 10, null, true, null));
      assertThat(before.results()).hasSize(10);
      TrainReport r = s.train();
      System.out.println(r);
      assertThat(r.published()).isTrue();
      for (Scenario sc : Scenario.values()) {
        Response resp = s.recommend(new RecommendRequest(sc, "u1", sc == Scenario.SIMILAR || sc == Scenario.BOUGHT_TOGETHER
            ? s.internals().catalog().newestFirst().get(5).id() : null, null, 10, null, true, null));
        System.out.println(sc + " " + ResponseJson.write(resp));
        assertThat(resp.results()).isNotEmpty();
      }
      Response search = s.search(new SearchRequestParams("running shoes", "u1", 10, 0, null, null, null, null, null, null,
          true, true, null, null));
      System.out.println(ResponseJson.write(search));
      System.out.println(s.suggest("ru", "u1", 5));
      System.out.println(s.snapshots());
    }
  }
}
