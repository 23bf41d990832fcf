package io.shopsense.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionMatrixTest {
  @Test
  void triplesAreSortedSummedAndTransposed() {
    IdIndex users = IdIndex.of(List.of("u1", "u2"));
    IdIndex items = IdIndex.of(List.of("a", "b", "c"));
    InteractionMatrix m = InteractionMatrix.fromTriples(users, items,
        new int[] {0, 0, 1, 0}, new int[] {2, 0, 1, 2}, new float[] {1, 2, 3, 4}, 4);
    assertThat(m.nnz()).isEqualTo(3);
    assertThat(m.get(0, 2)).isEqualTo(5f);
    assertThat(m.get(0, 0)).isEqualTo(2f);
    assertThat(m.get(1, 0)).isEqualTo(0f);
    assertThat(m.rowLength(0)).isEqualTo(2);
    InteractionMatrix t = m.transpose();
    assertThat(t.rows()).isEqualTo(3);
    assertThat(t.get(2, 0)).isEqualTo(5f);
    assertThat(t.get(1, 1)).isEqualTo(3f);
    assertThat(t.transpose()).isSameAs(m);
  }

  @Test
  void idIndexIsAppendOnly() {
    IdIndex idx = new IdIndex();
    assertThat(idx.add("x")).isEqualTo(0);
    assertThat(idx.add("y")).isEqualTo(1);
    assertThat(idx.add("x")).isEqualTo(0);
    assertThat(idx.get("z")).isEqualTo(-1);
    assertThat(idx.id(1)).isEqualTo("y");
  }
}
