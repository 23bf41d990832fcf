package io.shopsense.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.engine.ShopSense;
import io.shopsense.server.Http.Res;
import io.shopsense.server.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys (401, 403, admin passes serving routes), the loopback rule, body and batch caps, rate limiting. */
class AuthAndLimitsTest {
  static final String SERVING = "serving-key-0123456789abcdef";
  static final String ADMIN = "admin-key-0123456789abcdef-xyz";
  private static ShopSenseServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    ServerOptions o = ServerOptions.loopback(0).withKeys(new ApiKeys(SERVING, ADMIN)).withMaxBodyBytes(4096);
    server = ShopSenseServer.start(TestEngine.shared(), o);
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void missingOrWrongKeyIs401() {
    Res none = http.key(null).get("/v1/search?q=shoes");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().at("/error/message").asText()).contains("X-Api-Key");
    assertThat(http.key("wrong-key-0123456789abcdef").get("/v1/search?q=shoes").status()).isEqualTo(401);
    assertThat(http.key(SERVING.substring(1)).get("/v1/search?q=shoes").status()).isEqualTo(401);
    assertThat(http.key(null).post("/v1/events", "{}").status()).isEqualTo(401);
  }

  @Test
  void servingKeyReadsAndSendsEventsButNotAdminRoutes() {
    http.key(SERVING);
    assertThat(http.get("/v1/search?q=shoes").status()).isEqualTo(200);
    assertThat(http.post("/v1/events", "{\"user\":\"auth-shopper\",\"type\":\"search\",\"time\":1767225600000,\"query\":\"x\"}").status())
        .isEqualTo(202);
    for (Res r : new Res[] {
        http.post("/v1/items", "[{\"id\":\"x\"}]"),
        http.post("/v1/train", ""),
        http.get("/v1/experiments"),
        http.delete("/v1/users/auth-shopper"),
        http.delete("/v1/items/x")}) {
      assertThat(r.status()).as(r.toString()).isEqualTo(403);
    }
  }

  @Test
  void adminKeyPassesBoth() {
    http.key(ADMIN);
    assertThat(http.get("/v1/search?q=shoes").status()).isEqualTo(200);
    assertThat(http.get("/v1/experiments").status()).isEqualTo(200);
  }

  @Test
  void publicRoutesNeedNoKey() {
    http.key(null);
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(http.get("/openapi.json").status()).isEqualTo(200);
    assertThat(http.get("/metrics").status()).isEqualTo(200);
  }

  @Test
  void withoutKeysOnlyLoopback() {
    ShopSense engine = TestEngine.shared();
    ServerOptions open = new ServerOptions("0.0.0.0", 0, ApiKeys.none(), 1 << 20, 1000, 1000, 0, 1, 0, 1, 10, 16);
    assertThatThrownBy(() -> ShopSenseServer.start(engine, open))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without API keys");
    assertThatThrownBy(() -> new ApiKeys(SERVING, null)).hasMessageContaining("both");
    assertThatThrownBy(() -> new ApiKeys(SERVING, SERVING)).hasMessageContaining("differ");
  }

  @Test
  void bodyOverTheCapIs413() {
    http.key(SERVING);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"user\":\"big\",\"type\":\"view\",\"item\":\"i1\",\"time\":1}");
    }
    Res r = http.post("/v1/events", sb.append(']').toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.json().at("/error/status").asInt()).isEqualTo(413);
  }

  @Test
  void batchOverTheCapIs413() {
    ServerOptions o = new ServerOptions("127.0.0.1", 0, ApiKeys.none(), 1 << 20, 3, 1000, 0, 1, 0, 1, 10, 16);
    try (ShopSenseServer small = ShopSenseServer.start(TestEngine.shared(), o)) {
      Http h = new Http(small.port());
      String e = "{\"user\":\"batch\",\"type\":\"view\",\"item\":\"i1\",\"time\":1}";
      Res r = h.post("/v1/events", "[" + e + "," + e + "," + e + "," + e + "]");
      assertThat(r.status()).as(r.toString()).isEqualTo(413);
      assertThat(h.post("/v1/rank", "{\"items\":[\"a\",\"b\",\"c\",\"d\"]}").status()).isEqualTo(413);
    }
  }

  @Test
  void burstThen429WithRetryAfterPerAddress() {
    ServerOptions o = ServerOptions.loopback(0).withRateLimit(1, 5);
    try (ShopSenseServer limited = ShopSenseServer.start(TestEngine.shared(), o)) {
      Http h = new Http(limited.port());
      int ok = 0;
      Res last = null;
      for (int i = 0; i < 12; i++) {
        last = h.get("/health");
        if (last.status() == 200) ok++;
        else break;
      }
      assertThat(ok).as("the burst").isBetween(5, 6);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.header("Retry-After")).isEqualTo("1");
      assertThat(last.json().at("/error/status").asInt()).isEqualTo(429);
      // spoofed forwarding headers change nothing: the socket's address is limited
      assertThat(h.get("/health").status()).isEqualTo(429);
    }
  }
}
