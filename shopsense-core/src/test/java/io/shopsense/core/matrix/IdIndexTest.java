package io.shopsense.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void agreesWithAHashMapOnRandomIdsAndCollidingHashes() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    IdIndex idx = new IdIndex(rnd.nextInt(4));
    Map<String, Integer> ref = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int k = 0; k < 50_000; k++) {
      // "Aa" and "BB" share a hash code, so these strings collide in bulk
      String id = rnd.nextInt(4) == 0 ? collide(rnd.nextInt(256)) : "u" + rnd.nextInt(20_000);
      Integer expected = ref.get(id);
      if (expected == null) {
        expected = ref.size();
        ref.put(id, expected);
        order.add(id);
      }
      assertThat(idx.add(id)).as("seed %d, id %s", seed, id).isEqualTo(expected);
    }
    assertThat(idx.size()).isEqualTo(ref.size());
    assertThat(idx.ids()).isEqualTo(order);
    for (var e : ref.entrySet()) {
      assertThat(idx.get(e.getKey())).as("seed %d", seed).isEqualTo(e.getValue());
      assertThat(idx.id(e.getValue())).isEqualTo(e.getKey());
    }
    assertThat(idx.get("absent")).isEqualTo(-1);
    assertThat(idx.get(null)).isEqualTo(-1);
    assertThat(IdIndex.of(order).ids()).isEqualTo(order);
    assertThatThrownBy(() -> idx.id(idx.size())).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static String collide(int bits) {
    StringBuilder sb = new StringBuilder();
    for (int b = 0; b < 8; b++) sb.append((bits >> b & 1) == 0 ? "Aa" : "BB");
    return sb.toString();
  }
}
