package io.shopsense.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemTest {
  private static Item item(String category) {
    return new Item("i1", "t", null, category, null, null, 1.0, true, null, 0);
  }

  @Test
  void categoryPathSplitsOnGreaterThan() {
    assertThat(item("Shoes>Running").categoryPath()).containsExactly("Shoes", "Running");
    assertThat(item(null).categoryPath()).isEmpty();
    assertThat(item("  ").categoryPath()).isEmpty();
  }

  @Test
  void topCategoryIsTheFirstElementOfThePathInEveryEdgeCase() {
    for (String c : new String[] {"Shoes>Running", "Shoes", "Shoes>", ">Shoes", ">>Shoes>x", ">", ">>", " >x", "a>>b", ""}) {
      List<String> path = item(c).categoryPath();
      assertThat(item(c).topCategory()).as("category '%s'", c).isEqualTo(path.isEmpty() ? null : path.get(0));
    }
    assertThat(item(null).topCategory()).isNull();
    assertThat(item("Shoes>Running").topCategory()).isEqualTo("Shoes");
  }
}
