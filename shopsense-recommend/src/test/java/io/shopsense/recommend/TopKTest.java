package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void matchesFullSortOnRandomScores() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(300);
      float[] s = new float[n];
      for (int i = 0; i < n; i++) s[i] = r.nextInt(20); // many ties
      int k = 1 + r.nextInt(30);
      List<ScoredItem> top = TopK.select(s, k, i -> i % 7 != 3);
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) idx[i] = i;
      Arrays.sort(idx, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
      int[] expected = Arrays.stream(idx).filter(i -> i % 7 != 3).limit(k).mapToInt(Integer::intValue).toArray();
      assertThat(top.stream().mapToInt(ScoredItem::item).toArray()).as("seed %d", seed).containsExactly(expected);
    }
  }

  @Test
  void lastOnTiesPutsMarkedItemsBelowEqualScores() {
    float[] s = {1f, 3f, 3f, 3f, 0f};
    // item 1 is marked: among the three 3s it goes last; without the rule lower index wins
    List<ScoredItem> top = TopK.select(s, 3, null, i -> i == 1);
    assertThat(top.stream().mapToInt(ScoredItem::item).toArray()).containsExactly(2, 3, 1);
    assertThat(TopK.select(s, 2, null, i -> i == 1).stream().mapToInt(ScoredItem::item).toArray()).containsExactly(2, 3);
    assertThat(TopK.select(s, 2, null).stream().mapToInt(ScoredItem::item).toArray()).containsExactly(1, 2);
  }
}
