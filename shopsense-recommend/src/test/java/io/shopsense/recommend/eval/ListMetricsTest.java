package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations for coverage, novelty, diversity and rating errors. */
class ListMetricsTest {
  @Test
  void coverageCountsDistinctRecommendedItems() {
    // items 0, 1, 2 out of 5
    assertThat(ListMetrics.coverage(new int[][] {{0, 1}, {1, 2}}, 5)).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void noveltyIsMeanSelfInformation() {
    // 8 users; item 0 seen by 8 (0 bits), item 1 by 4 (1 bit), item 2 by none (counted as 1: 3 bits)
    // entries 0, 1, 1, 2 -> (0 + 1 + 1 + 3) / 4
    assertThat(ListMetrics.novelty(new int[][] {{0, 1}, {1, 2}}, new int[] {8, 4, 0}, 8)).isCloseTo(1.25, within(1e-12));
    assertThat(ListMetrics.novelty(new int[][] {{}}, new int[] {1}, 8)).isNaN();
  }

  @Test
  void diversityByCategory() {
    // categories A, A, B: pairs (0,1)=0, (0,2)=1, (1,2)=1 -> 2/3
    ItemDistance d = ItemDistance.categories(new String[] {"A", "A", "B"});
    assertThat(ListMetrics.intraListDiversity(new int[] {0, 1, 2}, d)).isCloseTo(0.6667, within(1e-4));
    assertThat(ListMetrics.intraListDiversity(new int[] {0}, d)).isNaN();
  }

  @Test
  void cosineDistanceOfItemColumns() {
    // items x users: item0 = [1,1,0], item1 = [1,0,1], item2 = [] -> cos(0,1) = 1 / (sqrt2 sqrt2) = 0.5
    IdIndex items = IdIndex.of(List.of("a", "b", "c"));
    IdIndex users = IdIndex.of(List.of("x", "y", "z"));
    InteractionMatrix m = InteractionMatrix.fromTriples(items, users,
        new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 2}, new float[] {1, 1, 1, 1}, 4);
    ItemDistance d = ItemDistance.cosine(m);
    assertThat(d.distance(0, 1)).isCloseTo(0.5, within(1e-9));
    assertThat(d.distance(0, 2)).isEqualTo(1.0);
    assertThat(d.distance(1, 1)).isZero();
    // list {0,1,2}: (0.5 + 1 + 1) / 3
    assertThat(ListMetrics.intraListDiversity(new int[] {0, 1, 2}, d)).isCloseTo(0.8333, within(1e-4));
  }

  @Test
  void bitsetAndSparseCosineAgreeAndIgnoreWeights() {
    // items x users: a = {x:3, y:1}, b = {y:2, z:5}, c = {x, y, z}: |a∩b| = 1 -> 1 - 1/sqrt(2*2) = 0.5;
    // |a∩c| = 2 -> 1 - 2/sqrt(2*3) = 0.1835
    IdIndex items = IdIndex.of(List.of("a", "b", "c"));
    IdIndex users = IdIndex.of(List.of("x", "y", "z"));
    InteractionMatrix m = InteractionMatrix.fromTriples(items, users,
        new int[] {0, 0, 1, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 1, 2}, new float[] {3, 1, 2, 5, 1, 1, 1}, 7);
    for (ItemDistance d : List.of(ItemDistance.cosine(m), ItemDistance.cosine(m, 0))) {
      assertThat(d.distance(0, 1)).isCloseTo(0.5, within(1e-9));
      assertThat(d.distance(0, 2)).isCloseTo(0.1835, within(1e-4));
      assertThat(d.distance(2, 2)).isZero();
    }
  }

  @Test
  void rmseAndMae() {
    // errors 1, 0, 2: RMSE = sqrt(5/3), MAE = 3/3
    double[] p = {3, 4, 5};
    double[] a = {2, 4, 3};
    assertThat(RatingMetrics.rmse(p, a)).isCloseTo(1.2910, within(1e-4));
    assertThat(RatingMetrics.mae(p, a)).isCloseTo(1.0, within(1e-12));
    assertThat(RatingMetrics.rmse(new double[0], new double[0])).isNaN();
  }
}
