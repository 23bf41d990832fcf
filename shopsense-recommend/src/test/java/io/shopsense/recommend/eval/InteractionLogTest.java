package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import org.junit.jupiter.api.Test;

class InteractionLogTest {
  @Test
  void pairsSumValuesKeepLatestTimeAndOrderByLastOccurrence() {
    InteractionLog log = InteractionLog.builder(new IdIndex(), new IdIndex())
        .add("u", "a", 1, 10).add("v", "a", 3, 5).add("u", "b", 2, 30).add("u", "a", 4, 20).build();
    InteractionLog p = log.pairs();
    assertThat(p.size()).isEqualTo(3);
    // user u first (index 0): b last seen at row 2, a at row 3 -> b then a
    assertThat(p.users().id(p.user(0))).isEqualTo("u");
    assertThat(p.items().id(p.item(0))).isEqualTo("b");
    assertThat(p.items().id(p.item(1))).isEqualTo("a");
    assertThat(p.value(1)).isEqualTo(5f);
    assertThat(p.time(1)).isEqualTo(20L);
    assertThat(p.users().id(p.user(2))).isEqualTo("v");
  }

  @Test
  void binaryMatrixWeighsEveryPairOne() {
    InteractionLog log = InteractionLog.builder(new IdIndex(), new IdIndex())
        .add("u", "a", 4, 1).add("u", "a", 5, 2).add("w", "b", 3, 1).build();
    InteractionMatrix m = log.toMatrix(true);
    assertThat(m.get(0, 0)).isEqualTo(1f);
    assertThat(m.get(1, 1)).isEqualTo(1f);
    assertThat(log.toMatrix(false).get(0, 0)).isEqualTo(9f);
  }
}
