package io.shopsense.search.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
  final ReciprocalRankFusion rrf = new ReciprocalRankFusion(60);

  @Test
  void itemsRankedByBothListsRiseToTheTop() {
    List<ReciprocalRankFusion.Fused> f = rrf.fuse(List.of(new int[] {1, 2, 3}, new int[] {3, 4, 1}), new double[] {1, 1});
    assertThat(f).extracting(ReciprocalRankFusion.Fused::key).containsExactly(1, 3, 2, 4);
    assertThat(f.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, Offset.offset(1e-12));
    assertThat(f.get(0).ranks()).containsExactly(1, 3);
    assertThat(f.get(2).ranks()).containsExactly(2, 0);
  }

  @Test
  void weightsShiftTheBalance() {
    List<int[]> lists = List.of(new int[] {1, 2}, new int[] {2, 1});
    assertThat(rrf.fuse(lists, new double[] {2, 1}).get(0).key()).isEqualTo(1);
    assertThat(rrf.fuse(lists, new double[] {1, 2}).get(0).key()).isEqualTo(2);
    // a zero weight switches a list off
    assertThat(rrf.fuse(lists, new double[] {0, 1})).extracting(ReciprocalRankFusion.Fused::key).containsExactly(2, 1);
  }

  @Test
  void tiesBreakByBestRankThenKey() {
    // 7 is first in list 0, 5 first in list 1: equal scores, equal best ranks -> smaller key first
    assertThat(rrf.fuse(List.of(new int[] {7}, new int[] {5}), new double[] {1, 1}))
        .extracting(ReciprocalRankFusion.Fused::key).containsExactly(5, 7);
    // a repeated key counts at its first rank only
    assertThat(rrf.fuse(List.of(new int[] {4, 4, 9}), new double[] {1}).get(0).score())
        .isCloseTo(1.0 / 61, Offset.offset(1e-12));
  }

  @Test
  void emptyInputsAndBadArguments() {
    assertThat(rrf.fuse(List.of(new int[0], new int[0]), new double[] {1, 1})).isEmpty();
    assertThatThrownBy(() -> new ReciprocalRankFusion(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rrf.fuse(List.of(new int[0]), new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
