package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path of event lines against the Jackson path: wherever it accepts a line, Jackson must
 * accept it too and build the equal event; and it must accept the common lines, or it is no fast path.
 */
class EventLineTest {
  private static final EventJson JACKSON = new EventJson();

  @Test
  void readsTheCommonShapesLikeJackson() {
    String[] lines = {
        "{\"user\":\"u05611\",\"type\":\"search\",\"time\":\"2026-01-05T00:01:24Z\",\"session\":\"u05611-s1\","
            + "\"channel\":\"app\",\"query\":\"sleeveless dress\"}",
        "{\"user\":\"u05611\",\"type\":\"impression\",\"time\":\"2026-01-05T00:01:25Z\",\"session\":\"s\","
            + "\"channel\":\"app\",\"query\":\"男士 跑步鞋\",\"items\":[\"i07835\",\"i15636\"]}",
        "{\"id\":\"e91\",\"user\":\"u1\",\"type\":\"rate\",\"item\":\"i1\",\"time\":1700000000000,\"value\":4.5}",
        " { \"user\" : \"u1\" , \"type\" : \"purchase\" , \"item\" : \"i1\" , \"time\" : 0 , \"value\" : 2 } ",
        "{\"user\":\"u1\",\"type\":\"review\",\"item\":\"i1\",\"time\":\"2024-03-01T20:00:00+08:00\",\"text\":\"好\","
            + "\"request_id\":\"r-1\",\"channel\":\"mini\",\"items\":[]}",
    };
    for (String line : lines) {
      Event fast = fast(line);
      assertThat(fast).as(line).isNotNull().isEqualTo(jackson(line));
    }
    assertThat(fast(lines[1]).items()).containsExactly("i07835", "i15636");
    assertThat(fast(lines[2]).value()).isEqualTo(4.5);
    assertThat(fast(lines[3]).value()).isEqualTo(2.0);
    assertThat(fast(lines[4]).channel()).isEqualTo(Channel.MINI);
  }

  @Test
  void leavesTheUnusualToJackson() {
    String[] lines = {
        "{\"user\":\"u\\u0031\",\"type\":\"view\",\"item\":\"i\",\"time\":1}", // escape
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":1,\"session\":null}", // null
        "{\"user\":\"u1\",\"type\":\"rate\",\"item\":\"i\",\"time\":1,\"value\":4e0}", // exponent
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":-5}", // negative
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":12345678901234567}", // long number
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":1,\"user\":\"u2\"}", // repeated field
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":1,\"color\":\"red\"}", // unknown field
        "{\"user\":\"u1\",\"type\":\"rate\",\"item\":\"i\",\"time\":1,\"value\":6}", // rule broken
        "{\"user\":\"u1\",\"type\":\"view\",\"time\":1}", // item missing
        "{\"user\":\"\",\"type\":\"view\",\"item\":\"i\",\"time\":1}", // empty id
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":1} x", // trailing content
        "{\"user\":\"u1\",\"type\":\"View\",\"item\":\"i\",\"time\":1}", // unknown type
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":\"yesterday\"}", // bad time
        "{\"user\":\"u1\",\"type\":\"view\",\"item\":\"i\",\"time\":01}", // leading zero
        "{}",
    };
    for (String line : lines) assertThat(fast(line)).as(line).isNull();
  }

  @Test
  void randomLinesAreReadAsJacksonReadsThemOrLeftToIt() {
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    int taken = 0;
    int good = 0;
    for (int round = 0; round < 10_000; round++) {
      String line = randomLine(r);
      if (r.nextInt(4) == 0) line = mutate(line, r);
      Object expected = jackson(line);
      Event fast = fast(line);
      if (expected instanceof Event) good++;
      if (fast == null) continue;
      taken++;
      assertThat(fast).as("seed %d, line %s", seed, line).isEqualTo(expected);
    }
    // many good random lines hold something unusual (an escape, a null, an exponent...); the rest take the fast path
    assertThat(taken).as("seed %d: %d of %d good lines taken", seed, taken, good).isGreaterThan(good / 5);
  }

  @Test
  void takesEveryLineOfAGeneratedStore(@TempDir Path dir) throws Exception {
    new DataGenerator(GeneratorSpec.small().withEvents(5_000)).generate(dir);
    List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSizeGreaterThan(4_000);
    for (String line : lines) assertThat(fast(line)).as(line).isNotNull().isEqualTo(jackson(line));
  }

  private static Event fast(String line) {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // an offset into a larger buffer
    return EventLine.parse(b, 2, b.length - 4);
  }

  /** The Jackson path's event, or its error message. */
  private static Object jackson(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    try {
      return JsonlReader.parse(JACKSON, b, 0, b.length, "f", 1);
    } catch (InputException e) {
      return e.getMessage();
    }
  }

  private static final String[] STRINGS = {"u1", "i07835", "u05611-s1", "", "男士跑步鞋", "a b", "x\\\"y", "\\u0041",
      "tab\\there", "😀", "view", "app"};
  private static final String[] NUMBERS = {"0", "1", "5", "4.5", "0.5", "12", "1700000000000", "-1", "1e3", "01",
      "1.", ".5", "2.50", "99999999999999999999", "-0", "3.0E2", "5.0000000000000001"};
  private static final String[] TIMES = {"\"2026-01-05T00:01:24Z\"", "\"2024-03-01T20:00:00+08:00\"", "\"2024-03-01\"",
      "\"2024-02-30T00:00:00Z\"", "\"2024-03-01T12:00:00.250Z\"", "\"soon\"", "1700000000000", "0", "-5", "1.5", "null"};

  private static String randomLine(SplittableRandom r) {
    List<String> fields = new ArrayList<>();
    EventType type = EventType.values()[r.nextInt(EventType.values().length)];
    fields.add("\"user\":" + str(r));
    fields.add("\"type\":" + (r.nextInt(20) == 0 ? str(r) : "\"" + type.wireName() + "\""));
    fields.add("\"time\":" + TIMES[r.nextInt(TIMES.length)]);
    if (type.needsItem() || r.nextInt(5) == 0) fields.add("\"item\":" + str(r));
    if (r.nextBoolean()) fields.add("\"id\":" + str(r));
    if (r.nextBoolean()) fields.add("\"session\":" + str(r));
    if (r.nextBoolean()) fields.add("\"channel\":" + (r.nextInt(10) == 0 ? str(r)
        : "\"" + Channel.values()[r.nextInt(3)].wireName() + "\""));
    if (type == EventType.RATE || type == EventType.PURCHASE || r.nextInt(10) == 0) {
      fields.add("\"value\":" + NUMBERS[r.nextInt(NUMBERS.length)]);
    }
    if (r.nextInt(4) == 0) fields.add("\"query\":" + str(r));
    if (r.nextInt(4) == 0) {
      StringBuilder sb = new StringBuilder("[");
      int n = r.nextInt(4);
      for (int k = 0; k < n; k++) sb.append(k == 0 ? "" : ",").append(r.nextInt(10) == 0 ? "1" : str(r));
      fields.add("\"items\":" + sb.append(']'));
    }
    if (r.nextInt(8) == 0) fields.add("\"text\":" + str(r));
    if (r.nextInt(8) == 0) fields.add("\"request_id\":" + str(r));
    if (r.nextInt(30) == 0) fields.add("\"user\":\"again\"");
    if (r.nextInt(30) == 0) fields.add("\"colour\":\"red\"");
    if (r.nextInt(30) == 0) fields.add("\"session\":null");
    Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    String sep = r.nextInt(5) == 0 ? ", " : ",";
    return (r.nextInt(10) == 0 ? " {" : "{") + String.join(sep, fields) + (r.nextInt(10) == 0 ? "} " : "}");
  }

  private static String str(SplittableRandom r) {
    return r.nextInt(30) == 0 ? "null" : "\"" + STRINGS[r.nextInt(STRINGS.length)] + "\"";
  }

  /** Deletes, duplicates or replaces one character. */
  private static String mutate(String line, SplittableRandom r) {
    int at = r.nextInt(line.length());
    String junk = String.valueOf("{}[]\",:. 0a\\-\t".charAt(r.nextInt(14)));
    return switch (r.nextInt(3)) {
      case 0 -> line.substring(0, at) + line.substring(at + 1);
      case 1 -> line.substring(0, at) + line.charAt(at) + line.substring(at);
      default -> line.substring(0, at) + junk + line.substring(at + 1);
    };
  }
}
