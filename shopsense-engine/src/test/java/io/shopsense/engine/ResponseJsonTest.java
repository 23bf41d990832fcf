package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.engine.api.FacetCount;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResponseJson;
import io.shopsense.engine.api.ResultItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseJsonTest {
  @Test
  void writesTheContractBodyInSnakeCaseWithoutNulls() {
    Response r = new Response("rid", "default", List.of(
        new ResultItem("i1", "Trail Runner", 59.9, "s1", "Shoes>Running", "Acme", 0.5, null, null),
        new ResultItem("i2", "Tent", 120.0, "s2", "Outdoor>Tents", "Acme", 0.25, "cobuy", "often bought with Trail Runner")),
        null);
    assertThat(ResponseJson.write(r)).isEqualTo("{\"request_id\":\"rid\",\"variant\":\"default\",\"results\":["
        + "{\"id\":\"i1\",\"title\":\"Trail Runner\",\"price\":59.9,\"shop\":\"s1\",\"category\":\"Shoes>Running\",\"brand\":\"Acme\",\"score\":0.5},"
        + "{\"id\":\"i2\",\"title\":\"Tent\",\"price\":120.0,\"shop\":\"s2\",\"category\":\"Outdoor>Tents\",\"brand\":\"Acme\",\"score\":0.25,"
        + "\"source\":\"cobuy\",\"reason\":\"often bought with Trail Runner\"}]}");
    Response f = new Response("r", "v", List.of(), Map.of("brand", List.of(new FacetCount("Acme", 3))));
    assertThat(ResponseJson.write(f)).isEqualTo("{\"request_id\":\"r\",\"variant\":\"v\",\"results\":[],\"facets\":{\"brand\":[{\"value\":\"Acme\",\"count\":3}]}}");
    assertThat(ResponseJson.error(400, "n must be between 1 and 200", "n"))
        .isEqualTo("{\"error\":{\"status\":400,\"message\":\"n must be between 1 and 200\",\"field\":\"n\"}}");
  }
}
