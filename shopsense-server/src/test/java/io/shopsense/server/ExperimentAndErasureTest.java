package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.server.Http.Res;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A/B experiments over HTTP (sticky assignment, attribution by request_id, report) and erasure. */
class ExperimentAndErasureTest {
  private static ShopSenseServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    server = ShopSenseServer.start(TestEngine.shared(), ServerOptions.loopback(0));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String event(String user, String type, String item, String requestId, String extra) {
    return "{\"user\":\"" + user + "\",\"type\":\"" + type + "\",\"item\":\"" + item + "\",\"time\":\"2026-02-20T10:00:00Z\""
        + (requestId == null ? "" : ",\"request_id\":\"" + requestId + "\"") + extra + "}";
  }

  @Test
  void stickyAssignmentAndAttributionByRequestId() {
    Res created = http.post("/v1/experiments", "{\"id\":\"exp-http\",\"scenario\":\"for-you\",\"variants\":["
        + "{\"name\":\"control\",\"weight\":1},{\"name\":\"session-heavy\",\"weight\":1,\"config\":{\"foryou.weight.session\":3}}]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("created").asLong()).isPositive();

    Map<String, Integer> seen = new HashMap<>();
    for (int u = 0; u < 16; u++) {
      String user = "exp-shopper-" + u;
      String v1 = http.get("/v1/recommendations/for-you?n=5&user=" + user).json().get("variant").asText();
      String v2 = http.get("/v1/recommendations/for-you?n=5&user=" + user).json().get("variant").asText();
      assertThat(v2).as("sticky for " + user).isEqualTo(v1);
      assertThat(v1).isIn("control", "session-heavy");
      seen.merge(v1, 1, Integer::sum);
    }
    assertThat(seen).as("16 shoppers split over both variants").hasSize(2);
    assertThat(http.get("/v1/recommendations/similar?n=5&user=exp-shopper-0&item="
        + TestEngine.shared().internals().catalog().newestFirst().get(0).id()).json().get("variant").asText())
        .as("another scenario").isEqualTo("default");

    String buyer = "exp-buyer";
    JsonNode resp = http.get("/v1/recommendations/for-you?n=5&user=" + buyer).json();
    String variant = resp.get("variant").asText();
    String requestId = resp.get("request_id").asText();
    JsonNode item = resp.get("results").get(0);
    double price = item.get("price").asDouble();
    Res ev = http.post("/v1/events", "[" + event(buyer, "click", item.get("id").asText(), requestId, "") + ","
        + event(buyer, "purchase", item.get("id").asText(), requestId, ",\"value\":2") + "]");
    assertThat(ev.status()).as(ev.toString()).isEqualTo(202);

    Res report = http.get("/v1/experiments/exp-http");
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    assertThat(report.json().at("/experiment/id").asText()).isEqualTo("exp-http");
    JsonNode v = null;
    for (JsonNode n : report.json().at("/report/variants")) if (n.get("variant").asText().equals(variant)) v = n;
    assertThat(v).isNotNull();
    assertThat(v.get("impressions").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(v.get("clicks").asLong()).isEqualTo(1);
    assertThat(v.get("conversions").asLong()).isEqualTo(1);
    assertThat(v.get("revenue").asDouble()).isEqualTo(2 * price);
    JsonNode ctr = v.get("ctr");
    assertThat(ctr.get("low").asDouble()).isLessThanOrEqualTo(ctr.get("value").asDouble());
    assertThat(ctr.get("high").asDouble()).isGreaterThanOrEqualTo(ctr.get("value").asDouble());
    assertThat(v.has("revenue_per_impression")).isTrue();

    Res list = http.get("/v1/experiments");
    assertThat(list.json().get("experiments").toString()).contains("exp-http");
    // deactivate so other tests see the default variant
    assertThat(http.post("/v1/experiments", "{\"id\":\"exp-http\",\"scenario\":\"for-you\",\"active\":false,\"variants\":["
        + "{\"name\":\"control\"},{\"name\":\"session-heavy\",\"config\":{\"foryou.weight.session\":3}}]}").status()).isEqualTo(201);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"scenario\":\"for-you\",\"variants\":[{\"name\":\"a\"}]}|id",
      "{\"id\":\"bad id\",\"variants\":[{\"name\":\"a\"}]}|id",
      "{\"id\":\"e1\",\"scenario\":\"checkout\",\"variants\":[{\"name\":\"a\"}],\"active\":false}|scenario",
      "{\"id\":\"e1\",\"variants\":[]}|variants",
      "{\"id\":\"e1\",\"variants\":{}}|variants",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\",\"weight\":-1}],\"active\":false}|variants[0].weight",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\",\"weight\":\"x\"}]}|variants[0].weight",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\",\"colour\":1}]}|variants[0].colour",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\"},{\"name\":\"a\"}],\"active\":false}|variants[1].name",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\",\"config\":{\"no.such.key\":1}}],\"active\":false}|variants[0].config",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\"}],\"active\":\"yes\"}|active",
      "{\"id\":\"e1\",\"variants\":[{\"name\":\"a\"}],\"owner\":\"me\"}|owner",
  })
  void badExperimentsNameTheField(String body, String field) {
    Res r = http.post("/v1/experiments", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.field()).isEqualTo(field);
  }

  @Test
  void eraseOverHttp() {
    String who = "erase-me-http";
    String item = TestEngine.shared().internals().catalog().newestFirst().get(3).id();
    assertThat(http.post("/v1/events", "[" + event(who, "view", item, null, "") + "," + event(who, "click", item, null, "") + "]")
        .status()).isEqualTo(202);
    assertThat(http.post("/v1/users/" + who + "/identities", "{\"alias\":\"erase-me-device\",\"channel\":\"app\"}").status())
        .isEqualTo(200);
    assertThat(http.get("/v1/users/" + who + "/profile").status()).isEqualTo(200);

    Res erased = http.delete("/v1/users/" + who);
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.json().get("user").asText()).isEqualTo(who);
    assertThat(erased.json().get("events_removed").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(erased.json().get("aliases").toString()).contains("erase-me-device");

    Res profile = http.get("/v1/users/" + who + "/profile");
    assertThat(profile.status()).as(profile.toString()).isIn(404, 409);
    assertThat(profile.body()).doesNotContain(item);
    Res late = http.post("/v1/events", event(who, "view", item, null, ""));
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.field()).isEqualTo("user");
    Res viaAlias = http.post("/v1/events", event("erase-me-device", "view", item, null, ""));
    assertThat(viaAlias.status()).as(viaAlias.toString()).isEqualTo(409);
  }
}
