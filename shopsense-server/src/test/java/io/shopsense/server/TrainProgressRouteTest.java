package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.engine.ShopSense;
import io.shopsense.server.Http.Res;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/train/progress} over real HTTP, on an engine of its own (it trains, and the shared
 * engine's snapshot must not change under the other test classes): idle before any run, running with
 * a stage while {@code POST /v1/train} runs on another thread, done with the run's outcome after.
 */
class TrainProgressRouteTest {
  private static ShopSense engine;
  private static ShopSenseServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    engine = TestEngine.open(TestEngine.fresh("train-progress"));
    server = ShopSenseServer.start(engine, ServerOptions.loopback(0));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
    if (engine != null) engine.close();
  }

  @Test
  void reportsTheRunningTrainingAndThenItsOutcome() throws Exception {
    Res idle = http.get("/v1/train/progress");
    assertThat(idle.status()).as(idle.toString()).isEqualTo(200);
    assertThat(idle.header("Cache-Control")).isEqualTo("no-store");
    JsonNode before = idle.json();
    for (String f : new String[] {"running", "stage", "stage_index", "stages", "fraction", "seconds", "started"}) {
      assertThat(before.has(f)).as("field " + f + " in " + before).isTrue();
    }
    assertThat(before.get("running").asBoolean()).isFalse();
    assertThat(before.get("stage").asText()).isEqualTo("idle");

    // train through the API on another thread and poll the route meanwhile (bounded wait)
    Http trainer = new Http(server.port());
    CompletableFuture<Res> run = CompletableFuture.supplyAsync(() -> trainer.post("/v1/train", "{}"));
    JsonNode running = null;
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (running == null && !run.isDone() && System.nanoTime() < until) {
      JsonNode p = http.get("/v1/train/progress").json();
      if (p.get("running").asBoolean()) running = p;
      else Thread.sleep(20);
    }
    assertThat(running).as("running=true while POST /v1/train was in flight").isNotNull();
    assertThat(running.get("stage").asText()).isNotIn("idle", "done", "failed");
    assertThat(running.get("stage_index").asInt()).isBetween(1, running.get("stages").asInt());
    assertThat(running.get("fraction").asDouble()).isBetween(0.0, 1.0);
    assertThat(running.get("started").asLong()).isPositive();

    // a second POST while that run is in progress is refused, as before progress existed
    Res again = http.post("/v1/train", "{}");
    JsonNode after = http.get("/v1/train/progress").json();
    if (after.get("running").asBoolean() && after.get("started").asLong() == running.get("started").asLong()) {
      assertThat(again.status()).as(again.toString()).isEqualTo(409);
    }

    Res done = run.get(5, TimeUnit.MINUTES);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    JsonNode end = http.get("/v1/train/progress").json();
    assertThat(end.get("running").asBoolean()).isFalse();
    assertThat(end.get("stage").asText()).isEqualTo("done");
    assertThat(end.get("fraction").asDouble()).isEqualTo(1.0);
    assertThat(end.get("stage_index").asInt()).isEqualTo(end.get("stages").asInt());
    String lastReason = (again.status() == 200 ? again : done).json().get("reason").asText();
    assertThat(end.get("last_outcome").asText()).isEqualTo(lastReason);

    JsonNode doc = http.get("/openapi.json").json();
    assertThat(doc.at("/paths/~1v1~1train~1progress/get/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/TrainProgress");
    assertThat(doc.at("/components/schemas/TrainProgress/properties").has("fraction")).isTrue();
  }
}
