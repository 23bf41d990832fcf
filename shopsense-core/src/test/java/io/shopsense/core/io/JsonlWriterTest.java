package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.model.Shop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonlWriterTest {
  private static final long T = Instant.parse("2026-01-05T10:15:30Z").toEpochMilli();

  @Test
  void writesEveryRecordWithTheContractFieldNamesOneLineEach() throws IOException {
    Item item = new Item("i1", "李宁 男士跑步鞋 轻便透气 黑色", "轻便透气。", "Shoes>Running", "Li-Ning", "s1", 89.99, true,
        Map.of("size", "42", "color", "black", "material", "mesh"), T);
    Shop shop = new Shop("s1", "Summit Shoes Store", "Shoes", T);
    Promotion coupon = new Promotion("p1", "10 off over 99", PromotionKind.COUPON, "s1", null, 99.0, 10, T, T + 86_400_000L, 5000.0);
    Promotion discount = new Promotion("p2", "15% off", PromotionKind.DISCOUNT, null, "Shoes", null, 0.15, T, T + 1, null);
    Event search = new Event(null, "u1", EventType.SEARCH, null, T, "u1-s1", Channel.MINI, null, "sneakers for jogging", null, null);
    Event shown = new Event("e7", "u1", EventType.IMPRESSION, null, T + 1000, "u1-s1", Channel.MINI, null, "sneakers for jogging",
        List.of("i1", "i2"), null);
    Event rate = new Event(null, "u1", EventType.RATE, "i1", T + 1234, null, null, 4.0, null, null, null);
    Event review = new Event(null, "u1", EventType.REVIEW, "i1", T, null, Channel.APP, null, null, null, "很好 \"great\"\n");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonlWriter w = new JsonlWriter(bytes)) {
      w.write(item);
      w.write(shop);
      w.write(coupon);
      w.write(discount);
      w.write(search);
      w.write(shown);
      w.write(rate);
      w.write(review);
      assertThat(w.lines()).isEqualTo(8);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain("\\u").contains("李宁 男士跑步鞋"); // Chinese as UTF-8, not escaped
    String[] lines = text.split("\n", -1);
    assertThat(lines).hasSize(9);
    assertThat(lines[8]).isEmpty();

    assertThat(lines[0]).isEqualTo("{\"id\":\"i1\",\"title\":\"李宁 男士跑步鞋 轻便透气 黑色\",\"description\":\"轻便透气。\","
        + "\"category\":\"Shoes>Running\",\"brand\":\"Li-Ning\",\"shop\":\"s1\",\"price\":89.99,\"in_stock\":true,"
        + "\"attributes\":{\"color\":\"black\",\"material\":\"mesh\",\"size\":\"42\"},\"created\":\"2026-01-05T10:15:30Z\"}");
    assertThat(lines[1]).isEqualTo("{\"id\":\"s1\",\"name\":\"Summit Shoes Store\",\"category\":\"Shoes\",\"created\":\"2026-01-05T10:15:30Z\"}");
    assertThat(lines[2]).isEqualTo("{\"id\":\"p1\",\"title\":\"10 off over 99\",\"kind\":\"coupon\",\"shop\":\"s1\",\"min_spend\":99,"
        + "\"discount\":10,\"starts\":\"2026-01-05T10:15:30Z\",\"ends\":\"2026-01-06T10:15:30Z\",\"budget\":5000}");
    assertThat(lines[3]).isEqualTo("{\"id\":\"p2\",\"title\":\"15% off\",\"kind\":\"discount\",\"category\":\"Shoes\",\"discount\":0.15,"
        + "\"starts\":\"2026-01-05T10:15:30Z\",\"ends\":\"2026-01-05T10:15:30.001Z\"}");
    assertThat(lines[4]).isEqualTo("{\"user\":\"u1\",\"type\":\"search\",\"time\":\"2026-01-05T10:15:30Z\",\"session\":\"u1-s1\","
        + "\"channel\":\"mini\",\"query\":\"sneakers for jogging\"}");
    assertThat(lines[5]).isEqualTo("{\"id\":\"e7\",\"user\":\"u1\",\"type\":\"impression\",\"time\":\"2026-01-05T10:15:31Z\","
        + "\"session\":\"u1-s1\",\"channel\":\"mini\",\"query\":\"sneakers for jogging\",\"items\":[\"i1\",\"i2\"]}");
    assertThat(lines[6]).isEqualTo("{\"user\":\"u1\",\"type\":\"rate\",\"item\":\"i1\",\"time\":\"2026-01-05T10:15:31.234Z\",\"value\":4}");

    ObjectMapper om = new ObjectMapper();
    JsonNode rv = om.readTree(lines[7]);
    assertThat(rv.get("text").asText()).isEqualTo("很好 \"great\"\n");
    assertThat(fieldNames(rv)).containsExactly("user", "type", "item", "time", "channel", "text");
  }

  @Test
  void customObjectsAndNumbers() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonlWriter w = new JsonlWriter(bytes)) {
      w.writeObject(g -> {
        g.writeStringField("user", "u1");
        JsonlWriter.number(g, "whole", 3.0);
        JsonlWriter.number(g, "fraction", 0.125);
      });
      w.writeObject(g -> g.writeStringField("user", "u2"));
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"user\":\"u1\",\"whole\":3,\"fraction\":0.125}\n{\"user\":\"u2\"}\n");
  }

  @Test
  void rejectsNonFiniteNumbersNamingTheField() {
    Item bad = new Item("i1", "t", null, "A>B", null, null, Double.NaN, true, Map.of(), 0);
    assertThatThrownBy(() -> {
      try (JsonlWriter w = new JsonlWriter(new ByteArrayOutputStream())) {
        w.write(bad);
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price");
  }

  @Test
  void timesAreIsoUtcWithMillisecondsOnlyWhenPresent() {
    assertThat(JsonlWriter.time(T)).isEqualTo("2026-01-05T10:15:30Z");
    assertThat(JsonlWriter.time(T + 5)).isEqualTo("2026-01-05T10:15:30.005Z");
    assertThat(JsonlWriter.time(0)).isEqualTo("1970-01-01T00:00:00Z");
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
    return out;
  }
}
