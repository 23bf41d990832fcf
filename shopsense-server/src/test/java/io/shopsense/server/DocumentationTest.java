package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.server.Http.Res;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} documents every route Javalin registered; {@code /metrics} shows per-route series. */
class DocumentationTest {
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

  @Test
  void everyRegisteredRouteIsInTheDocument() {
    Res r = http.get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode doc = r.json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    List<String> registered = server.registeredRoutes();
    assertThat(registered).hasSizeGreaterThanOrEqualTo(20);
    Set<String> documented = new HashSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(documented).containsAll(registered);
    for (String contract : List.of("POST /v1/events", "POST /v1/items", "POST /v1/shops", "POST /v1/promotions",
        "DELETE /v1/items/{id}", "GET /v1/search", "GET /v1/suggest", "GET /v1/recommendations/{scenario}",
        "POST /v1/rank", "GET /v1/users/{id}/profile", "DELETE /v1/users/{id}", "POST /v1/users/{id}/identities",
        "POST /v1/train", "GET /v1/models", "GET /v1/experiments", "POST /v1/experiments", "GET /v1/experiments/{id}",
        "GET /health", "GET /metrics", "GET /openapi.json", "GET /")) {
      assertThat(documented).as("contract route").contains(contract);
    }
  }

  @Test
  void parametersBodiesErrorsAndReferencesAreComplete() {
    JsonNode doc = http.get("/openapi.json").json();
    JsonNode search = doc.at("/paths/~1v1~1search/get");
    List<String> names = new ArrayList<>();
    search.get("parameters").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).contains("q", "user", "n", "page", "category", "brand", "shop", "min_price", "max_price",
        "in_stock", "personalize", "explain");
    assertThat(search.at("/responses/400/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Error");
    assertThat(doc.at("/paths/~1v1~1events/post/requestBody/content/application~1json/schema/$ref").asText()).endsWith("/Events");
    assertThat(doc.at("/paths/~1v1~1train/post/responses").has("403")).isTrue();
    // every $ref points at a schema that exists
    Matcher m = Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"").matcher(doc.toString());
    while (m.find()) assertThat(doc.at("/components/schemas").has(m.group(1))).as(m.group(1)).isTrue();
  }

  @Test
  void metricsShowRouteTemplatesNotRawPaths() {
    http.get("/v1/users/metrics-a/profile");
    http.get("/v1/users/metrics-b/profile");
    http.get("/v1/search?q=shoes");
    http.get("/no/such/path");
    Res r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    String text = r.body();
    assertThat(text).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/users/{id}/profile\",status=\"404\"} 2");
    assertThat(text).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/search\",status=\"200\"");
    assertThat(text).contains("route=\"unmatched\"");
    assertThat(text).doesNotContain("metrics-a");
    assertThat(text).contains("shopsense_snapshot_version", "shopsense_events_ingested_total", "shopsense_training_last_seconds");
  }
}
