package io.shopsense.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.server.demo.Demo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's routes on a real demo (tiny store, BM25 only and two algorithms to stay quick), over
 * real HTTP: keys only for loopback names, activity fed by accepted events, items, reports, training.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeneratorSpec TINY = new GeneratorSpec(60, 150, 4000, 11);
  // no background evaluation report: it would race with itemsReportsAndTraining's own report files
  private static final Map<String, String> FAST = Map.of("engine.algorithms", "popular,itemknn", "engine.embeddings", "false",
      "console.demo_eval_ks", "");
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir static Path dir;
  private Demo demo;
  private final StringWriter log = new StringWriter();

  @BeforeAll
  void start() {
    demo = Demo.start(new Demo.Options(dir, TINY, "127.0.0.1", 0, FAST), new PrintWriter(log, true));
  }

  @AfterAll
  void stop() {
    if (demo != null) demo.close();
  }

  private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.url() + path.substring(1)));
    if (key != null) b.header("X-Api-Key", key);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path, demo.keys().serving());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void theDemoRanEveryStepAndPrintedProgress() {
    assertThat(log.toString()).contains("[1/5] generate 100%").contains("[2/5] import done in")
        .contains("[3/5] index done in").contains("[4/5] train done in").contains("snapshot 1")
        .contains("[5/5] serve done in").contains("listening on " + demo.url());
    assertThat(demo.url()).startsWith("http://localhost:");
  }

  @Test
  void theConfigHandsTheKeysOnlyToALoopbackName() throws Exception {
    JsonNode c = JSON.readTree(get("/console-config.json", null).body());
    assertThat(c.path("demo").asBoolean()).isTrue();
    assertThat(c.path("keys").path("serving").asText()).isEqualTo(demo.keys().serving());
    assertThat(c.path("keys").path("admin").asText()).isEqualTo(demo.keys().admin());
    assertThat(c.path("shoppers").size()).isGreaterThan(1);
    assertThat(c.path("clock_offset_ms").asLong()).isNegative();

    // a page whose DNS name was rebound to 127.0.0.1 sends its own host name: no keys for it
    String foreign = rawGet("/console-config.json", "shop.example:" + demo.port());
    assertThat(foreign).startsWith("HTTP/1.1 200").contains("\"shoppers\"").doesNotContain("\"keys\"")
        .doesNotContain(demo.keys().admin());
    assertThat(rawGet("/console-config.json", "127.0.0.1:" + demo.port())).contains(demo.keys().admin());
  }

  @Test
  void activityCountsTheStoreAndTheEventsTheApiAccepts() throws Exception {
    JsonNode h = json("/v1/console/activity?window=history");
    for (int i = 0; i < 300 && !"ready".equals(h.path("status").asText()); i++) {
      Thread.sleep(100);
      h = json("/v1/console/activity?window=history");
    }
    long stored = demo.engine().internals().store().eventCount();
    assertThat(h.path("status").asText()).isEqualTo("ready");
    assertThat(h.path("bucket_ms").asLong()).isEqualTo(86_400_000L);
    long sum = 0;
    for (JsonNode b : h.path("buckets")) for (JsonNode n : b.path("events")) sum += n.asLong();
    assertThat(sum).isEqualTo(stored);

    long before = json("/v1/console/activity").path("total_events").asLong();
    String events = "[{\"user\":\"u01\",\"type\":\"impression\",\"items\":[\"i001\",\"i002\"],\"time\":\"2026-03-02T10:00:00Z\"},"
        + "{\"user\":\"u01\",\"type\":\"click\",\"item\":\"i002\",\"time\":\"2026-03-02T10:00:05Z\"}]";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(demo.url() + "v1/events"))
        .header("X-Api-Key", demo.keys().serving()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(events)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode live = json("/v1/console/activity?window=live");
    assertThat(live.path("total_events").asLong()).isEqualTo(before + 2);
    assertThat(live.path("buckets").size()).isEqualTo(60);
    JsonNode now = live.path("buckets").get(59);
    assertThat(now.path("impressions").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(now.path("clicked").asLong()).isGreaterThanOrEqualTo(1);

    HttpResponse<String> bad = get("/v1/console/activity?window=year", demo.keys().serving());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("error").path("field").asText()).isEqualTo("window");
    assertThat(get("/v1/console/activity", null).statusCode()).isEqualTo(401);
  }

  @Test
  void itemsReportsAndTraining() throws Exception {
    JsonNode item = json("/v1/console/items/i001");
    assertThat(item.path("id").asText()).isEqualTo("i001");
    assertThat(item.path("title").asText()).isNotEmpty();
    assertThat(item.has("in_stock")).isTrue();
    HttpResponse<String> missing = get("/v1/console/items/nope", demo.keys().serving());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("error").path("status").asInt()).isEqualTo(404);

    assertThat(json("/v1/console/reports").path("reports").size()).isZero();
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(reports.resolve("holdout-k10.json"), "{\"dataset\":\"store\",\"protocol\":\"holdout\",\"k\":10,"
        + "\"results\":[{\"algorithm\":\"popular\",\"metrics\":{\"ndcg\":0.1}}]}");
    Files.writeString(reports.resolve("other.json"), "{\"something\":\"else\"}");
    JsonNode list = json("/v1/console/reports").path("reports");
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).path("file").asText()).isEqualTo("holdout-k10.json");
    assertThat(list.get(0).path("report").path("results").get(0).path("metrics").path("ndcg").asDouble()).isEqualTo(0.1);

    JsonNode t = json("/v1/console/training");
    assertThat(t.path("runs").asLong()).isEqualTo(1);
    assertThat(t.path("last_seconds").asDouble()).isPositive();
    assertThat(t.path("snapshot").asLong()).isEqualTo(1);
  }

  @Test
  void theConsoleIsServedAtTheRootWithoutAKey() throws Exception {
    HttpResponse<String> index = get("/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<title>ShopSense console</title>").contains("Content-Security-Policy");
    HttpResponse<String> js = get("/js/app.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElse("")).contains("javascript");
  }

  /** A GET with a chosen Host header (java.net.http does not let a caller set it). */
  private String rawGet(String path, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", demo.port())) {
      OutputStream o = s.getOutputStream();
      o.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
