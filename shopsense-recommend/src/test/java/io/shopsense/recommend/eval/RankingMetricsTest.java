package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every expected value below was worked out by hand; the arithmetic is in the comments. */
class RankingMetricsTest {
  private static final double EPS = 1e-4;
  // list of 5, relevant items at ranks 0 and 2, 3 relevant items in total
  private static final boolean[] H = {true, false, true, false, false};

  @Test
  void precisionRecallF1() {
    assertThat(RankingMetrics.precision(H, 5)).isCloseTo(0.4, within(EPS)); // 2/5
    assertThat(RankingMetrics.recall(H, 5, 3)).isCloseTo(0.6667, within(EPS)); // 2/3
    // 2 * (2/5)(2/3) / (2/5 + 2/3) = (8/15) / (16/15)
    assertThat(RankingMetrics.f1(0.4, 2.0 / 3)).isCloseTo(0.5, within(EPS));
    assertThat(RankingMetrics.precision(H, 1)).isEqualTo(1.0);
    assertThat(RankingMetrics.precision(H, 2)).isEqualTo(0.5);
    // a list shorter than k still divides by k: 2 hits / 10
    assertThat(RankingMetrics.precision(H, 10)).isCloseTo(0.2, within(EPS));
    assertThat(RankingMetrics.recall(H, 1, 3)).isCloseTo(0.3333, within(EPS));
    assertThat(RankingMetrics.f1(0, 0)).isZero();
  }

  @Test
  void binaryNdcg() {
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309
    assertThat(RankingMetrics.ndcg(H, 5, 3)).isCloseTo(0.7039, within(EPS));
    // k=2: DCG = 1, IDCG = 1 + 0.6309
    assertThat(RankingMetrics.ndcg(H, 2, 3)).isCloseTo(0.6131, within(EPS));
    assertThat(RankingMetrics.ndcg(H, 1, 3)).isEqualTo(1.0);
    // one relevant item at 0-based rank 2: log(2)/log(4) = 0.5 (the NCF formula)
    assertThat(RankingMetrics.ndcg(new boolean[] {false, false, true}, 3, 1)).isCloseTo(0.5, within(EPS));
    assertThat(RankingMetrics.ndcg(H, 5, 0)).isZero();
  }

  @Test
  void gradedNdcg() {
    // gains by rank 3, 0, 5; relevant grades {5, 3, 1}
    // DCG = 3 + 0 + 5/2 = 5.5; IDCG = 5 + 3/log2(3) + 1/2 = 7.3928
    double v = RankingMetrics.ndcg(new double[] {3, 0, 5}, 3, new double[] {1, 5, 3});
    assertThat(v).isCloseTo(0.7440, within(EPS));
    // with equal grades it equals the binary form
    assertThat(RankingMetrics.ndcg(new double[] {1, 0, 1, 0, 0}, 5, new double[] {1, 1, 1}))
        .isCloseTo(RankingMetrics.ndcg(H, 5, 3), within(1e-12));
  }

  @Test
  void averagePrecisionNormalisedByMinOfRelevantAndK() {
    // (1/1 + 2/3) / min(3, 5) = 1.6667 / 3
    assertThat(RankingMetrics.averagePrecision(H, 5, 3)).isCloseTo(0.5556, within(EPS));
    // k=2: (1/1) / min(3, 2)
    assertThat(RankingMetrics.averagePrecision(H, 2, 3)).isCloseTo(0.5, within(EPS));
    // k=1: 1 / min(3, 1): a perfect top-1 scores 1
    assertThat(RankingMetrics.averagePrecision(H, 1, 3)).isEqualTo(1.0);
    // single relevant item at rank 2: (1/3) / 1
    assertThat(RankingMetrics.averagePrecision(new boolean[] {false, false, true}, 3, 1)).isCloseTo(0.3333, within(EPS));
  }

  @Test
  void reciprocalRankAndHitRate() {
    boolean[] late = {false, false, true};
    assertThat(RankingMetrics.reciprocalRank(late, 3)).isCloseTo(0.3333, within(EPS));
    assertThat(RankingMetrics.reciprocalRank(late, 2)).isZero();
    assertThat(RankingMetrics.hitRate(late, 3)).isEqualTo(1.0);
    assertThat(RankingMetrics.hitRate(late, 2)).isZero();
    assertThat(RankingMetrics.reciprocalRank(H, 5)).isEqualTo(1.0);
  }

  @Test
  void aucCountsTiesAsHalf() {
    // 0.9 beats all three (3); 0.5 beats 0.1 (1), ties 0.5 (0.5), loses to 0.8 -> 4.5 / 6
    assertThat(RankingMetrics.auc(new float[] {0.9f, 0.5f}, new float[] {0.8f, 0.5f, 0.1f})).isCloseTo(0.75, within(EPS));
    assertThat(RankingMetrics.auc(new float[] {1f}, new float[] {0f, 0f})).isEqualTo(1.0);
    assertThat(RankingMetrics.auc(new float[] {0f}, new float[] {1f, 2f})).isZero();
    assertThat(RankingMetrics.auc(new float[] {1f}, new float[0])).isNaN();
  }

  @Test
  void hitsMarksRelevantEntries() {
    Set<Integer> rel = Set.of(7, 9);
    assertThat(RankingMetrics.hits(new int[] {7, 3, 9}, rel::contains)).containsExactly(true, false, true);
  }

  @Test
  void rejectsNonPositiveK() {
    assertThatThrownBy(() -> RankingMetrics.precision(H, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be at least 1");
  }
}
