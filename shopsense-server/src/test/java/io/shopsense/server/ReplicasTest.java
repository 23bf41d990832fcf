package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.config.Config;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.io.ImportSource;
import io.shopsense.core.io.Importer;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.server.Http.Res;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scale-out path of docs/operations.md on one machine: two servers on different ports, each
 * with its own data directory (search index, live state), sharing one real PostgreSQL store
 * (embedded, from Maven artifacts) and one model directory. Replica A trains and publishes; replica
 * B polls the model directory and serves A's snapshot, and sees A's catalog writes with it; events
 * sent to B are in the shared store that A trains on.
 */
class ReplicasTest {
  private static EmbeddedPostgres pg;
  private static final List<AutoCloseable> open = new ArrayList<>();
  private static Http a, b;
  private static String anItem;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE replicas");
    }
    String url = "postgresql://postgres@localhost:" + pg.getPort() + "/replicas";
    Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")).toAbsolutePath(), "replicas");
    Path gen = root.resolve("gen");
    new DataGenerator(new GeneratorSpec(150, 300, 6_000, 5)).generate(gen);
    try (Store store = Stores.open(url)) {
      List<ImportSource> sources = new ArrayList<>();
      for (ImportSource.Kind k : ImportSource.Kind.values()) sources.add(ImportSource.jsonl(k, gen.resolve(k.defaultFileName())));
      new Importer(store).importAll(sources);
    }
    anItem = new ObjectMapper().readTree(Files.readAllLines(gen.resolve("items.jsonl")).get(0)).get("id").asText();
    Path models = root.resolve("shared-models");
    a = new Http(serve(root.resolve("a"), url, models, 0));  // the trainer
    b = new Http(serve(root.resolve("b"), url, models, 1));  // a serving replica, polling every second
  }

  private static int serve(Path data, String url, Path models, int pollSeconds) throws Exception {
    Map<String, String> cfg = new HashMap<>(TestEngine.CONFIG);
    cfg.put("engine.models_dir", models.toString());
    cfg.put("engine.snapshot_poll_seconds", Integer.toString(pollSeconds));
    ShopSense engine = ShopSense.open(new EngineOptions(Files.createDirectories(data), url, Config.defaults().with(cfg)));
    open.add(engine);
    ShopSenseServer server = ShopSenseServer.start(engine, ServerOptions.loopback(0));
    open.add(0, server::stop);
    return server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : open) c.close();
    if (pg != null) pg.close();
  }

  private static long servingVersion(Http h) {
    for (JsonNode s : h.get("/v1/models").json().get("snapshots")) {
      if ("current".equals(s.path("status").asText())) return s.get("version").asLong();
    }
    return 0;
  }

  /** Polls until the condition holds (the replica polls the model directory every second). */
  private static void await(String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (!ok.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(until);
      Thread.sleep(200);
    }
  }

  @Test
  void aSnapshotTrainedOnOneReplicaIsServedByTheOtherWithTheCatalogWritesBeforeIt() throws Exception {
    assertThat(servingVersion(b)).as("nothing trained yet").isZero();

    // a shopper active only on replica B: the shared store gets the events, so A's training knows them
    Res ev = b.post("/v1/events", "[{\"id\":\"rep-1\",\"user\":\"replica-shopper\",\"type\":\"purchase\",\"item\":\"" + anItem + "\",\"time\":\"2026-01-01T00:00:00Z\"}]");
    assertThat(ev.status()).as(ev.toString()).isEqualTo(202);
    // a catalog write through A
    Res up = a.post("/v1/items", "[{\"id\":\"replica-item\",\"title\":\"Zeppelin kite 飞艇风筝\",\"category\":\"Toys>Kites\","
        + "\"brand\":\"Acme\",\"shop\":\"s001\",\"price\":19.9,\"in_stock\":true}]");
    assertThat(up.status()).as(up.toString()).isEqualTo(200);
    Predicate<Http> findsKite = h -> h.get("/v1/search?q=zeppelin+kite&n=5&personalize=false").body().contains("replica-item");
    assertThat(findsKite.test(a)).isTrue();
    assertThat(findsKite.test(b)).as("B has not reloaded the catalog yet").isFalse();

    Res t = a.post("/v1/train", "{}");
    assertThat(t.status()).as(t.toString()).isEqualTo(200);
    long v = servingVersion(a);
    assertThat(v).isPositive();
    await("replica B to serve snapshot " + v, () -> servingVersion(b) == v);
    await("replica B to index the item written through A", () -> findsKite.test(b));

    Res forYou = b.get("/v1/recommendations/for-you?user=replica-shopper&n=10");
    assertThat(forYou.status()).isEqualTo(200);
    assertThat(forYou.json().get("results").size()).isEqualTo(10);
    assertThat(b.get("/health").json().get("snapshot").asLong()).isEqualTo(v);
  }
}
