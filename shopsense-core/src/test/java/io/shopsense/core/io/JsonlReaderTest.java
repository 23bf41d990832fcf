package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.model.Shop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
  @TempDir Path dir;

  static <T> List<T> readAll(RecordReader<T> r) {
    try (r) {
      List<T> out = new ArrayList<>();
      T t;
      while ((t = r.next()) != null) out.add(t);
      return out;
    }
  }

  @Test
  void readsItemsIncludingChinese() {
    List<Item> items = readAll(JsonlReader.items(Fixtures.file("items.jsonl")));
    assertThat(items).hasSize(4);
    assertThat(items.get(0)).isEqualTo(new Item("i1", "Trail running shoes", "Light and breathable", "Shoes>Running",
        "Swift", "s1", 89.5, true, Map.of("color", "blue", "size", "42"), 1706776200000L));
    assertThat(items.get(1)).isEqualTo(new Item("i2", "男士跑步鞋 轻便透气", "2024新款", "Shoes>Running", "Swift", "s1", 299,
        false, Map.of("颜色", "黑色"), 1706745600000L));
    assertThat(items.get(2)).isEqualTo(new Item("i3", "龙井绿茶 250g", null, "Food>Tea", "西湖", "s2", 0, true, Map.of(), 0));
    assertThat(items.get(3)).isEqualTo(new Item("i4", null, null, null, null, null, 0, true, Map.of(), 0));
  }

  @Test
  void readsShopsAndPromotions() {
    assertThat(readAll(JsonlReader.shops(Fixtures.file("shops.jsonl")))).containsExactly(
        new Shop("s1", "Swift Sports", "Shoes", 1704067200000L),
        new Shop("s2", "茶香小铺", "Food>Tea", 1704067200000L));
    assertThat(readAll(JsonlReader.promotions(Fixtures.file("promotions.jsonl")))).containsExactly(
        new Promotion("p1", "10 off running", PromotionKind.COUPON, "s1", "Shoes>Running", 100.0, 10, 1709251200000L,
            1711929600000L, 5000.0),
        new Promotion("p2", "春季茶叶八折", PromotionKind.DISCOUNT, null, "Food>Tea", null, 0.2, 1709251200000L,
            1711929600000L, null),
        // +08:00 is 8 hours before UTC midnight; a time without zone is UTC
        new Promotion("p3", "Shoes + socks", PromotionKind.BUNDLE, null, null, null, 5, 1709222400000L,
            1709337600000L, null));
  }

  @Test
  void readsEveryEventType() {
    List<Event> events = readAll(JsonlReader.events(Fixtures.file("events.jsonl")));
    assertThat(events).hasSize(12);
    assertThat(events).extracting(Event::type).containsAll(List.of(EventType.values()));
    assertThat(events.get(0)).isEqualTo(
        new Event("e1", "u1", EventType.VIEW, "i1", 1709632800000L, "s-1", Channel.APP, null, null, null, null));
    assertThat(events.get(1).time()).isEqualTo(1709632805250L);
    assertThat(events.get(5)).isEqualTo(
        new Event("e6", "u2", EventType.RATE, "i2", 1709632840000L, null, null, 4.5, null, null, null));
    assertThat(events.get(6).text()).isEqualTo("很舒服，推荐！");
    assertThat(events.get(9)).isEqualTo(new Event("e10", "u2", EventType.IMPRESSION, null, 1709632871000L, "s-2",
        Channel.MINI, null, "绿茶", List.of("i3", "i2"), null));
    assertThat(events.get(10).id()).isNull();
  }

  @Test
  void acceptsCrlfBomAndLastLineWithoutNewline() throws IOException {
    Path f = dir.resolve("events.jsonl");
    byte[] body = "{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":1}\r\n\r\n{\"user\":\"u\",\"type\":\"search\",\"time\":2}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(f, bytes);
    assertThat(readAll(JsonlReader.events(f))).containsExactly(Event.of("u", EventType.VIEW, "a", 1),
        Event.of("u", EventType.SEARCH, null, 2));
  }

  @Test
  void readsLinesLongerThanTheBuffer() throws IOException {
    Path f = dir.resolve("items.jsonl");
    String longTitle = "长".repeat(700_000); // 2.1 MB of UTF-8, more than the 1 MB read buffer
    Files.writeString(f, "{\"id\":\"a\"}\n{\"id\":\"b\",\"title\":\"" + longTitle + "\"}\n{\"id\":\"c\"}\n");
    List<Item> items = readAll(JsonlReader.items(f));
    assertThat(items).extracting(Item::id).containsExactly("a", "b", "c");
    assertThat(items.get(1).title()).isEqualTo(longTitle);
  }

  @Test
  void aBadLineIsSkippedAndTheNextOneRead() throws IOException {
    Path f = write("events.jsonl", "{\"user\":\"u\",\"type\":\"bogus\",\"time\":1}\n{\"user\":\"u\",\"type\":\"search\",\"time\":2}\n");
    try (RecordReader<Event> r = JsonlReader.events(f)) {
      assertThatThrownBy(r::next).isInstanceOf(InputException.class)
          .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(1))
          .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("type"));
      assertThat(r.next()).isEqualTo(Event.of("u", EventType.SEARCH, null, 2));
      assertThat(r.next()).isNull();
    }
  }

  // ---- bad input: each asserts the exact message ----

  @Test
  void wrongTypes() throws IOException {
    assertItemError("{\"id\":\"a\",\"price\":\"abc\"}", ":1: field 'price': expected a number, got string \"abc\"");
    assertItemError("{\"id\":\"a\",\"in_stock\":\"yes\"}", ":1: field 'in_stock': expected true or false, got string \"yes\"");
    assertItemError("{\"id\":7}", ":1: field 'id': expected a string, got number 7");
    assertItemError("{\"id\":\"a\",\"attributes\":[1]}", ":1: field 'attributes': expected an object, got an array");
    assertItemError("{\"id\":\"a\",\"attributes\":{\"k\":{\"x\":1}}}",
        ":1: field 'attributes': attribute 'k' must be a string, number or boolean, got an object");
    assertEventError("{\"user\":\"u\",\"type\":\"impression\",\"time\":1,\"items\":[\"a\",2]}",
        ":1: field 'items': expected an array of strings, got number 2");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":true}",
        ":1: field 'time': expected epoch milliseconds (an integer) or an ISO-8601 time, got true");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":1.5}",
        ":1: field 'time': expected epoch milliseconds (an integer) or an ISO-8601 time, got number 1.5");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":\"yesterday\"}",
        ":1: field 'time': expected epoch milliseconds or an ISO-8601 time such as 2024-03-01T12:00:00Z, got \"yesterday\"");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":\"2024-02-30T00:00:00Z\"}",
        ":1: field 'time': expected epoch milliseconds or an ISO-8601 time such as 2024-03-01T12:00:00Z, got \"2024-02-30T00:00:00Z\"");
    assertEventError("{\"user\":\"u\",\"type\":\"rate\",\"item\":\"a\",\"time\":1,\"value\":\"4\"}",
        ":1: field 'value': expected a number, got string \"4\"");
  }

  @Test
  void unknownFields() throws IOException {
    assertItemError("{\"id\":\"a\",\"colour\":\"red\"}", ":1: field 'colour': unknown field (expected one of "
        + "id, title, description, category, brand, shop, price, in_stock, attributes, created)");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":1,\"userId\":\"u\"}",
        ":1: field 'userId': unknown field (expected one of "
            + "id, user, type, item, time, session, channel, value, query, items, text, request_id)");
    assertThat(error("shops.jsonl", JsonlReader::shops, "{\"id\":\"a\",\"owner\":\"x\"}").getMessage())
        .endsWith(":1: field 'owner': unknown field (expected one of id, name, category, created)");
  }

  @Test
  void unknownEventTypeChannelAndKind() throws IOException {
    assertEventError("{\"user\":\"u\",\"type\":\"bogus\",\"time\":1}", ":1: field 'type': unknown event type 'bogus' "
        + "(expected one of view, click, add_to_cart, remove_from_cart, purchase, rate, review, favorite, search, impression)");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":1,\"channel\":\"tv\"}",
        ":1: field 'channel': unknown channel 'tv' (expected one of app, web, mini)");
    assertThat(error("promotions.jsonl", JsonlReader::promotions,
        "{\"id\":\"p\",\"kind\":\"gift\",\"discount\":1,\"starts\":0,\"ends\":1}").getMessage())
        .endsWith(":1: field 'kind': unknown promotion kind 'gift' (expected one of coupon, discount, bundle)");
  }

  @Test
  void missingRequiredFields() throws IOException {
    assertEventError("{\"type\":\"view\",\"item\":\"a\",\"time\":1}", ":1: field 'user': required field is missing");
    assertEventError("{\"user\":null,\"type\":\"view\",\"item\":\"a\",\"time\":1}", ":1: field 'user': required field is missing");
    assertEventError("{\"user\":\"u\",\"item\":\"a\",\"time\":1}", ":1: field 'type': required field is missing");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\"}", ":1: field 'time': required field is missing");
    assertEventError("{\"user\":\"u\",\"type\":\"purchase\",\"time\":1}", ":1: field 'item': required for event type 'purchase'");
    assertEventError("{\"user\":\"\",\"type\":\"view\",\"item\":\"a\",\"time\":1}", ":1: field 'user': must not be empty");
    assertItemError("{\"title\":\"x\"}", ":1: field 'id': required field is missing");
    assertThat(error("promotions.jsonl", JsonlReader::promotions, "{\"id\":\"p\",\"kind\":\"coupon\",\"starts\":0,\"ends\":1}")
        .getMessage()).endsWith(":1: field 'discount': required field is missing");
  }

  @Test
  void valueRules() throws IOException {
    assertItemError("{\"id\":\"a\",\"price\":-1.5}", ":1: field 'price': must not be negative, got -1.5");
    assertEventError("{\"user\":\"u\",\"type\":\"rate\",\"item\":\"a\",\"time\":1}", ":1: field 'value': required for event type 'rate'");
    assertEventError("{\"user\":\"u\",\"type\":\"rate\",\"item\":\"a\",\"time\":1,\"value\":6}",
        ":1: field 'value': rating must be above 0 and at most 5, got 6");
    assertEventError("{\"user\":\"u\",\"type\":\"rate\",\"item\":\"a\",\"time\":1,\"value\":0}",
        ":1: field 'value': rating must be above 0 and at most 5, got 0");
    assertEventError("{\"user\":\"u\",\"type\":\"purchase\",\"item\":\"a\",\"time\":1,\"value\":-2}",
        ":1: field 'value': purchase quantity or amount must not be negative, got -2");
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"item\":\"b\",\"time\":1}",
        ":1: field 'item': appears more than once");
    assertThat(error("promotions.jsonl", JsonlReader::promotions,
        "{\"id\":\"p\",\"kind\":\"coupon\",\"discount\":1,\"starts\":5,\"ends\":5}").getMessage())
        .endsWith(":1: field 'ends': must be after starts");
  }

  @Test
  void malformedJson() throws IOException {
    assertEventError("{\"user\":\"u\",\"type\":\"view\",\"item\":\"a\",\"time\":1",
        ":1: malformed JSON at column 46: Unexpected end-of-input: expected close marker for Object");
    assertEventError("{\"user\":\"u\" \"type\":\"view\"}",
        ":1: malformed JSON at column 13: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
    assertEventError("{'user':'u'}",
        ":1: malformed JSON at column 2: Unexpected character (''' (code 39)): was expecting double-quote to start field name");
    assertEventError("[1,2]", ":1: expected a JSON object, got an array");
    assertEventError("{\"user\":\"u\",\"type\":\"search\",\"time\":1} {\"user\":\"v\"}",
        ":1: unexpected content after the JSON object at column 39 (one object per line)");
  }

  @Test
  void errorLineNumbersCountBlankLines() throws IOException {
    String good = "{\"user\":\"u\",\"type\":\"search\",\"time\":1}\n";
    assertEventError(good + "\n\n" + good + "{\"user\":\"u\",\"type\":\"view\",\"time\":1}\n",
        ":5: field 'item': required for event type 'view'");
  }

  @Test
  void nonUtf8Byte() throws IOException {
    Path f = dir.resolve("events.jsonl");
    byte[] good = "{\"user\":\"u\",\"type\":\"search\",\"time\":1}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"user\":\"caf\u00e9\",\"type\":\"search\",\"time\":1}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(f, all);
    assertThatThrownBy(() -> readAll(JsonlReader.events(f))).isInstanceOf(InputException.class)
        .hasMessage(f + ":2: invalid UTF-8 byte 0xe9 at column 13 (the file must be UTF-8)");
  }

  @Test
  void emptyFiles() throws IOException {
    assertThatThrownBy(() -> readAll(JsonlReader.events(write("events.jsonl", ""))))
        .isInstanceOf(InputException.class).hasMessage(dir.resolve("events.jsonl") + ": file is empty");
    assertThatThrownBy(() -> readAll(JsonlReader.items(write("items.jsonl", "\n  \n\r\n"))))
        .isInstanceOf(InputException.class).hasMessage(dir.resolve("items.jsonl") + ": file is empty");
    assertThatThrownBy(() -> readAll(JsonlReader.items(dir.resolve("nope.jsonl"))))
        .isInstanceOf(InputException.class).hasMessage(dir.resolve("nope.jsonl") + ": no such file");
  }

  private void assertItemError(String line, String expectedSuffix) throws IOException {
    InputException e = error("items.jsonl", JsonlReader::items, line);
    assertThat(e.getMessage()).isEqualTo(dir.resolve("items.jsonl") + expectedSuffix);
  }

  private void assertEventError(String content, String expectedSuffix) throws IOException {
    InputException e = error("events.jsonl", JsonlReader::events, content);
    assertThat(e.getMessage()).isEqualTo(dir.resolve("events.jsonl") + expectedSuffix);
  }

  private InputException error(String name, Function<Path, RecordReader<?>> open, String content) throws IOException {
    Path f = write(name, content.endsWith("\n") ? content : content + "\n");
    try {
      readAll(open.apply(f));
    } catch (InputException e) {
      return e;
    }
    throw new AssertionError("no error for: " + content);
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }
}
