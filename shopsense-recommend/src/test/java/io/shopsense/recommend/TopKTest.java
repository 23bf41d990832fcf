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
}
