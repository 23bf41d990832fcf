package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.io.JsonBodies.BodyException;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void oneObjectOrAnArrayWithTheRequestIdExtension() {
    List<Event> one = JsonBodies.events(b("{\"user\":\"u1\",\"type\":\"click\",\"item\":\"i1\",\"time\":5,\"request_id\":\"r-9\"}"), 10);
    assertThat(one).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventType.CLICK);
      assertThat(e.requestId()).isEqualTo("r-9");
    });
    List<Event> two = JsonBodies.events(b("[{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i1\",\"time\":5},"
        + "{\"user\":\"u2\",\"type\":\"search\",\"time\":\"2024-03-01T12:00:00Z\",\"query\":\"跑步鞋\"}]"), 10);
    assertThat(two).extracting(Event::user).containsExactly("u1", "u2");
    assertThat(two.get(0).requestId()).isNull();
  }

  @Test
  void badRecordsNameTheirPositionAndField() {
    assertThatThrownBy(() -> JsonBodies.events(b("[{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i1\",\"time\":5},"
        + "{\"user\":\"u1\",\"type\":\"bogus\",\"time\":5}]"), 10))
        .isInstanceOfSatisfying(BodyException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("type");
          assertThat(e.getMessage()).startsWith("record 1: field 'type': unknown event type 'bogus'");
        });
    assertThatThrownBy(() -> JsonBodies.events(b("{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i1\",\"time\":5,\"extra\":1}"), 10))
        .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.field()).isEqualTo("extra"));
    assertThatThrownBy(() -> JsonBodies.items(b("{\"id\":\"i1\",\"price\":-1}"), 10))
        .isInstanceOfSatisfying(BodyException.class, e -> {
          assertThat(e.field()).isEqualTo("price");
          assertThat(e.index()).isEqualTo(-1);
        });
    assertThatThrownBy(() -> JsonBodies.shops(b("[]"), 10)).hasMessageContaining("no records");
    assertThatThrownBy(() -> JsonBodies.shops(b("\"x\""), 10)).hasMessageContaining("expected a JSON object or an array");
    assertThatThrownBy(() -> JsonBodies.shops(b("{\"id\":\"s\"} {}"), 10)).hasMessageContaining("unexpected content");
    assertThatThrownBy(() -> JsonBodies.shops(b("{\"id\":"), 10)).hasMessageContaining("malformed JSON");
  }

  @Test
  void batchesOverTheCapAreMarked() {
    assertThatThrownBy(() -> JsonBodies.shops(b("[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]"), 2))
        .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.tooMany()).isTrue());
    assertThat(JsonBodies.shops(b("[{\"id\":\"a\"},{\"id\":\"b\"}]"), 2)).hasSize(2);
  }

  @Test
  void writerKeepsTheRequestId() throws IOException {
    Event e = new Event(null, "u1", EventType.CLICK, "i1", 5, null, null, null, null, null, null, "r-1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonlWriter w = new JsonlWriter(out)) {
      w.write(e);
    }
    String line = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(line).contains("\"request_id\":\"r-1\"");
    assertThat(JsonBodies.events(b(line), 1)).containsExactly(e);
  }
}
