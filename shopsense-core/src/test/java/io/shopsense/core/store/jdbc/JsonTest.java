package io.shopsense.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written list writer gives Jackson's exact text, and reads back to the same list. */
class JsonTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void writesWhatJacksonWritesForEveryAsciiCharacterAndBeyond() throws Exception {
    List<String> list = new ArrayList<>();
    for (char ch = 0; ch < 0x80; ch++) list.add("a" + ch + "b");
    list.addAll(Arrays.asList("", "i01234", "男士跑步鞋", "\u2028\u2029", "\uD83D\uDE00 emoji", "\u007F", "x\"y\\z", null));
    String text = Json.writeList(list);
    assertThat(text).isEqualTo(JACKSON.writeValueAsString(list));
    assertThat(Json.readList(text)).isEqualTo(list);
    assertThat(Json.writeList(List.of())).isEqualTo("[]");
  }

  @Test
  void randomStringsMatchJackson() throws Exception {
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    for (int round = 0; round < 2_000; round++) {
      List<String> list = new ArrayList<>();
      int n = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(12);
        for (int k = 0; k < len; k++) {
          // mostly ASCII (controls, quotes and backslashes included), some CJK and surrogate pairs
          int kind = r.nextInt(10);
          if (kind < 7) sb.append((char) r.nextInt(0x80));
          else if (kind < 9) sb.append((char) (0x4E00 + r.nextInt(0x5000)));
          else sb.appendCodePoint(0x1F600 + r.nextInt(0x50));
        }
        list.add(sb.toString());
      }
      String text = Json.writeList(list);
      assertThat(text).as("seed %d, list %s", seed, list).isEqualTo(JACKSON.writeValueAsString(list));
    }
  }
}
