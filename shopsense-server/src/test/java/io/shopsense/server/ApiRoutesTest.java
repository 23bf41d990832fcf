package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.Scenario;
import io.shopsense.server.Http.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route over real HTTP: the happy path, and bad input answered with the status and the field. */
class ApiRoutesTest {
  private static ShopSenseServer server;
  private static Http http;
  private static String user;
  private static List<String> items;

  @BeforeAll
  static void start() {
    ShopSense engine = TestEngine.shared();
    server = ShopSenseServer.start(engine, ServerOptions.loopback(0));
    http = new Http(server.port());
    AtomicReference<String> u = new AtomicReference<>();
    engine.internals().store().forEachEvent(e -> u.compareAndSet(null, e.user()));
    user = u.get();
    items = new ArrayList<>();
    engine.internals().catalog().newestFirst().stream().limit(5).forEach(i -> items.add(i.id()));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static void assertResponse(Res r, int n) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("request_id").asText()).isNotEmpty();
    assertThat(j.get("variant").asText()).isNotEmpty();
    assertThat(j.get("results").size()).isBetween(1, n);
    JsonNode first = j.get("results").get(0);
    assertThat(first.has("id")).isTrue();
    assertThat(first.has("score")).isTrue();
  }

  @Test
  void search() {
    Res r = http.get("/v1/search?q=shoes&user=" + user + "&n=5&explain=true");
    assertResponse(r, 5);
    assertThat(r.json().get("results").get(0).has("source")).isTrue();
    assertThat(r.header("Content-Type")).startsWith("application/json");
    Res filtered = http.get("/v1/search?q=shoes&min_price=0&max_price=100000&in_stock=true&personalize=false&sort=price_asc&page=1&n=3");
    assertThat(filtered.status()).as(filtered.toString()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1/search|q",
      "/v1/search?q=|q",
      "/v1/search?q=shoes&n=0|n",
      "/v1/search?q=shoes&n=201|n",
      "/v1/search?q=shoes&n=ten|n",
      "/v1/search?q=shoes&page=-1|page",
      "/v1/search?q=shoes&n=200&page=5|page",
      "/v1/search?q=shoes&min_price=-1|min_price",
      "/v1/search?q=shoes&min_price=abc|min_price",
      "/v1/search?q=shoes&min_price=NaN|min_price",
      "/v1/search?q=shoes&min_price=10&max_price=5|max_price",
      "/v1/search?q=shoes&in_stock=yes|in_stock",
      "/v1/search?q=shoes&personalize=1|personalize",
      "/v1/search?q=shoes&explain=TRUE|explain",
      "/v1/search?q=shoes&sort=cheap|sort",
      "/v1/search?q=shoes&channel=tv|channel",
      "/v1/search?q=shoes&bogus=1|bogus",
      "/v1/search?q=shoes&q=boots|q",
      "/v1/suggest|q",
      "/v1/suggest?q=sh&n=0|n",
      "/v1/recommendations/for-you?n=1000|n",
      "/v1/recommendations/for-you?channel=fax|channel",
      "/v1/recommendations/for-you?explain=maybe|explain",
      "/v1/recommendations/for-you?diversity=2|diversity",
      "/v1/recommendations/for-you?max_shop_share=0|max_shop_share",
      "/v1/recommendations/for-you?boost=i1|boost",
      "/v1/recommendations/for-you?cart=a,,b|cart",
      "/v1/recommendations/for-you?min_price=5&max_price=1|max_price",
      "/v1/recommendations/for-you?colour=red|colour",
      "/v1/recommendations/similar|item",
      "/v1/recommendations/checkout|scenario",
      "/v1/users/someone/profile?x=1|x",
  })
  void badQueryParametersNameTheField(String path, String field) {
    Res r = http.get(path.replace("{user}", user));
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.field()).as(r.toString()).isEqualTo(field);
    assertThat(r.json().at("/error/status").asInt()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).isNotEmpty();
  }

  @Test
  void qLongerThan256CharactersIsRefused() {
    Res r = http.get("/v1/search?q=" + "a".repeat(257));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.field()).isEqualTo("q");
    assertThat(http.get("/v1/search?q=" + "a".repeat(256)).status()).isEqualTo(200);
  }

  @Test
  void suggest() {
    Res r = http.get("/v1/suggest?q=sh&user=" + user + "&n=5");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("suggestions").isArray()).isTrue();
  }

  @Test
  void everyScenario() {
    for (Scenario sc : Scenario.values()) {
      String path = "/v1/recommendations/" + sc.wireName() + "?user=" + user + "&n=5&explain=true"
          + (sc == Scenario.SIMILAR || sc == Scenario.BOUGHT_TOGETHER ? "&item=" + items.get(0) : "");
      Res r = http.get(path);
      assertThat(r.status()).as(sc + ": " + r).isEqualTo(200);
      assertThat(r.json().get("request_id").asText()).isNotEmpty();
      assertThat(r.json().get("results").size()).isLessThanOrEqualTo(5);
    }
    Res rules = http.get("/v1/recommendations/for-you?user=" + user + "&n=10&in_stock=true&max_shop_share=0.3"
        + "&diversity=0.5&max_per_category=3&pin=" + items.get(1) + "&boost=" + items.get(2) + ":2&channel=app");
    assertResponse(rules, 10);
    assertThat(rules.json().get("results").get(0).get("id").asText()).as("pinned first").isEqualTo(items.get(1));
    assertResponse(http.get("/v1/recommendations/trending?n=3"), 3); // anonymous
  }

  @Test
  void rank() {
    String body = "{\"user\":\"" + user + "\",\"items\":[\"" + String.join("\",\"", items) + "\"]}";
    Res r = http.post("/v1/rank", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("results").forEach(n -> ids.add(n.get("id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(items);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"user\":\"u\"}|items",
      "{\"items\":[]}|items",
      "{\"items\":\"i1\"}|items",
      "{\"items\":[1,2]}|items",
      "{\"items\":[\"\"]}|items",
      "{\"items\":[\"i1\"],\"explain\":\"yes\"}|explain",
      "{\"items\":[\"i1\"],\"user\":7}|user",
      "{\"items\":[\"i1\"],\"sort\":\"x\"}|sort",
  })
  void rankBadBodies(String body, String field) {
    Res r = http.post("/v1/rank", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.field()).isEqualTo(field);
  }

  @Test
  void malformedAndDuplicateJsonIs400() {
    assertThat(http.post("/v1/rank", "{\"items\":[\"a\"]").status()).isEqualTo(400);
    assertThat(http.post("/v1/rank", "{\"items\":[\"a\"],\"items\":[\"b\"]}").status()).isEqualTo(400);
    assertThat(http.post("/v1/rank", "[1]").status()).isEqualTo(400);
    assertThat(http.post("/v1/events", "{\"user\":").status()).isEqualTo(400);
  }

  @Test
  void eventsOneOrManyThenLiveProfile() {
    String shopper = "api-test-shopper";
    String one = "{\"user\":\"" + shopper + "\",\"type\":\"view\",\"item\":\"" + items.get(0) + "\",\"time\":\"2026-02-20T10:00:00Z\",\"channel\":\"app\"}";
    Res r = http.post("/v1/events", one);
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    String many = "[" + one.replace("view", "click") + "," + one.replace("view", "add_to_cart") + "]";
    assertThat(http.post("/v1/events", many).json().get("accepted").asInt()).isEqualTo(2);
    Res p = http.get("/v1/users/" + shopper + "/profile");
    assertThat(p.status()).as(p.toString()).isEqualTo(200);
    assertThat(p.json().get("user").asText()).isEqualTo(shopper);
    assertThat(p.json().toString()).contains(items.get(0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"view\",\"item\":\"i1\",\"time\":1}|user",
      "{\"user\":\"u\",\"type\":\"stare\",\"item\":\"i1\",\"time\":1}|type",
      "{\"user\":\"u\",\"type\":\"view\",\"time\":1}|item",
      "{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\"}|time",
      "{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\",\"time\":\"yesterday\"}|time",
      "{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\",\"time\":1,\"channel\":\"tv\"}|channel",
      "{\"user\":\"u\",\"type\":\"rate\",\"item\":\"i1\",\"time\":1,\"value\":9}|value",
      "{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\",\"time\":1,\"colour\":\"red\"}|colour",
      "{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\",\"time\":1,\"request_id\":\"\"}|request_id",
      "{\"user\":42,\"type\":\"view\",\"item\":\"i1\",\"time\":1}|user",
  })
  void badEventsNameTheField(String body, String field) {
    Res r = http.post("/v1/events", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.field()).isEqualTo(field);
    Res inArray = http.post("/v1/events", "[{\"user\":\"u\",\"type\":\"view\",\"item\":\"i1\",\"time\":1}," + body + "]");
    assertThat(inArray.status()).isEqualTo(400);
    assertThat(inArray.field()).isEqualTo(field);
    assertThat(inArray.json().at("/error/message").asText()).startsWith("record 1:");
  }

  @Test
  void catalogWrites() {
    Res r = http.post("/v1/items", "[{\"id\":\"api-item-1\",\"title\":\"Trail running shoes 越野跑鞋\",\"category\":\"Shoes>Running\","
        + "\"brand\":\"Acme\",\"shop\":\"s001\",\"price\":59.9,\"in_stock\":true}]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("upserted").asInt()).isEqualTo(1);
    Res found = http.get("/v1/search?q=%E8%B6%8A%E9%87%8E%E8%B7%91%E9%9E%8B&n=5&personalize=false");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body()).contains("api-item-1");
    assertThat(http.post("/v1/shops", "[{\"id\":\"api-shop\",\"name\":\"API shop\"}]").status()).isEqualTo(200);
    assertThat(http.post("/v1/promotions", "[{\"id\":\"api-promo\",\"kind\":\"coupon\",\"discount\":5,"
        + "\"starts\":\"2026-01-01T00:00:00Z\",\"ends\":\"2026-12-31T00:00:00Z\"}]").status()).isEqualTo(200);
    assertThat(http.delete("/v1/items/api-item-1").status()).isEqualTo(200);
    Res gone = http.delete("/v1/items/api-item-1");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.field()).isEqualTo("id");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/v1/items|[{\"id\":\"x\",\"price\":-3}]|price",
      "/v1/items|[{\"id\":\"x\",\"in_stock\":\"yes\"}]|in_stock",
      "/v1/items|[{\"title\":\"no id\"}]|id",
      "/v1/items|[{\"id\":\"x\",\"size\":3}]|size",
      "/v1/shops|[{\"id\":\"\"}]|id",
      "/v1/promotions|[{\"id\":\"p\",\"kind\":\"gift\",\"discount\":1,\"starts\":1,\"ends\":2}]|kind",
      "/v1/promotions|[{\"id\":\"p\",\"kind\":\"coupon\",\"discount\":-1,\"starts\":1,\"ends\":2}]|discount",
  })
  void badCatalogRecordsNameTheField(String path, String body, String field) {
    Res r = http.post(path, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.field()).isEqualTo(field);
  }

  @Test
  void identitiesAndInterests() {
    Res r = http.post("/v1/users/" + user + "/identities", "{\"alias\":\"device-123\",\"channel\":\"mini\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Res viaAlias = http.get("/v1/users/device-123/profile");
    assertThat(viaAlias.status()).as(viaAlias.toString()).isEqualTo(200);
    assertThat(viaAlias.json().get("user").asText()).isEqualTo(user);
    assertThat(http.post("/v1/users/" + user + "/identities", "{\"alias\":\"d\",\"channel\":\"tv\"}").field()).isEqualTo("channel");
    assertThat(http.post("/v1/users/" + user + "/identities", "{\"channel\":\"app\"}").field()).isEqualTo("alias");
    assertThat(http.post("/v1/users/" + user + "/identities", "{\"alias\":\"d\",\"channel\":\"app\",\"x\":1}").field()).isEqualTo("x");
    JsonNode cats = http.get("/v1/users/" + user + "/profile").json().get("categories");
    String top = cats.fieldNames().next();
    Res del = http.delete("/v1/users/" + user + "/interests/category/" + java.net.URLEncoder.encode(top, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    assertThat(del.status()).as(del.toString()).isEqualTo(204);
    JsonNode after = http.get("/v1/users/" + user + "/profile").json();
    assertThat(after.get("removed").toString()).contains(top);
    assertThat(http.delete("/v1/users/" + user + "/interests/colour/red").field()).isEqualTo("kind");
  }

  @Test
  void modelsAndTrain() {
    Res m = http.get("/v1/models");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.json().get("snapshots").size()).isGreaterThanOrEqualTo(1);
    assertThat(m.json().get("snapshots").get(0).has("version")).isTrue();
  }

  @Test
  void healthIsReadyWithASnapshot() {
    Res h = http.get("/health");
    assertThat(h.status()).as(h.toString()).isEqualTo(200);
    assertThat(h.json().get("ready").asBoolean()).isTrue();
    assertThat(h.json().get("store").asText()).isEqualTo("ok");
    assertThat(h.json().get("snapshot").asLong()).isPositive();
  }

  @Test
  void unknownRouteWrongMethodAndWrongContentType() {
    Res none = http.get("/v1/nothing-here");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().at("/error/status").asInt()).isEqualTo(404);
    Res wrong = http.method("PUT", "/v1/search");
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(405);
    assertThat(wrong.json().at("/error/status").asInt()).isEqualTo(405);
    Res text = http.post("/v1/events", "{}", "text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(http.post("/v1/events", "{}", null).status()).isEqualTo(415);
    assertThat(http.get("/v1/users/nobody-at-all/profile").status()).isEqualTo(404);
    assertThat(http.get("/v1/experiments/none").status()).isEqualTo(404);
  }

  @Test
  void malformedPercentEncodingIsNot500() {
    assertThat(http.rawGet("/v1/search?q=%zz")).isBetween(400, 499);
    assertThat(http.rawGet("/v1/search?q=%E8%B6")).as("truncated UTF-8").isBetween(200, 499);
    assertThat(http.rawGet("/v1/users/%zz/profile")).isBetween(400, 499);
  }

  @Test
  void consoleIsServed() {
    Res r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
  }
}
