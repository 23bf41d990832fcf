package io.shopsense.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static Params p(Map<String, List<String>> q) {
    return Params.of(q, Set.of("n", "b", "x", "ids"));
  }

  private static void fails(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.field()).isEqualTo(field);
    });
  }

  @Test
  void strictTypesAndRanges() {
    assertThat(p(Map.of("n", List.of("7"))).intIn("n", 10, 1, 200)).isEqualTo(7);
    assertThat(p(Map.of()).intIn("n", 10, 1, 200)).isEqualTo(10);
    fails(() -> p(Map.of("n", List.of("7.0"))).intIn("n", 10, 1, 200), "n");
    fails(() -> p(Map.of("n", List.of("99999999999999"))).intIn("n", 10, 1, 200), "n");
    fails(() -> p(Map.of("b", List.of("True"))).bool("b", false), "b");
    assertThat(p(Map.of("b", List.of("false"))).bool("b", true)).isFalse();
    for (String bad : List.of("Infinity", "NaN", "1d", "0x10", "1e999", "")) {
      fails(() -> p(Map.of("x", List.of(bad))).number("x", 0, Double.MAX_VALUE), "x");
    }
    assertThat(p(Map.of("x", List.of("2.5e1"))).number("x", 0, 100)).isEqualTo(25.0);
    fails(() -> p(Map.of("ids", List.of("a,,b"))).idList("ids", 5, 10), "ids");
    assertThat(p(Map.of("ids", List.of("a,b"))).idList("ids", 5, 10)).containsExactly("a", "b");
  }

  @Test
  void unknownAndRepeatedNamesAreRefused() {
    fails(() -> p(Map.of("zz", List.of("1"))), "zz");
    fails(() -> p(Map.of("n", List.of("1", "2"))), "n");
  }
}
