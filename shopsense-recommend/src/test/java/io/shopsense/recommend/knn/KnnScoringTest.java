package io.shopsense.recommend.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoring formulas of item- and user-kNN, checked against their definitions. */
class KnnScoringTest {
  static final InteractionMatrix M = TestData.random(80, 40, 6, 5);

  @Test
  void itemKnnScoreIsTheSimilarityWeightedSumOverTheTargetsNeighbours() {
    Config c = TestData.config("itemknn.neighbors", "5", "itemknn.shrinkage", "2");
    ItemNeighbourModel m = new ItemKnn(c).fit(M, new TrainContext(c, 1, 2, List.of(), null));
    float[] s = new float[M.cols()];
    for (int u = 0; u < M.rows(); u++) {
      m.scoreUser(u, s);
      for (int j = 0; j < M.cols(); j++) {
        double expected = 0; // score(u, j) = sum_{i in N(j)} sim(j, i) r_ui
        for (Neighbour i : m.neighbours(j)) expected += i.similarity() * M.get(u, i.index());
        assertThat(s[j]).as("user %d item %d", u, j).isCloseTo((float) expected, within(1e-5f));
      }
    }
  }

  @Test
  void itemSetScoringEqualsScoringAUserWithThoseItems() {
    Config c = TestData.config();
    ItemNeighbourModel m = new ItemKnn(c).fit(M, new TrainContext(c, 1, 2, List.of(), null));
    int u = 7;
    int s0 = M.rowStart(u), e = M.rowEnd(u);
    float[] byUser = new float[M.cols()], bySet = new float[M.cols()];
    m.scoreUser(u, byUser);
    m.scoreItemSet(java.util.Arrays.copyOfRange(M.colIndex(), s0, e), java.util.Arrays.copyOfRange(M.values(), s0, e), bySet);
    assertThat(bySet).containsExactly(byUser);
    assertThat(m.canScoreItemSet()).isTrue();
    // one item: its similar items are the items that list it as a neighbour
    m.scoreItemSet(new int[] {3}, null, bySet);
    for (int j = 0; j < M.cols(); j++) {
      float expected = 0;
      for (Neighbour n : m.neighbours(j)) if (n.index() == 3) expected = n.similarity();
      assertThat(bySet[j]).isEqualTo(expected);
    }
  }

  @Test
  void userKnnScoreIsTheSimilarityWeightedSumOfTheNeighboursRows() {
    Config c = TestData.config("userknn.neighbors", "6", "userknn.similarity", "pearson");
    UserKnnModel m = new UserKnn(c).fit(M, new TrainContext(c, 1, 2, List.of(), null));
    float[] s = new float[M.cols()];
    for (int u = 0; u < M.rows(); u++) {
      m.scoreUser(u, s);
      assertThat(m.neighbours(u)).hasSizeLessThanOrEqualTo(6).allMatch(n -> n.similarity() > 0);
      for (int j = 0; j < M.cols(); j++) {
        double expected = 0;
        for (Neighbour v : m.neighbours(u)) expected += v.similarity() * M.get(v.index(), j);
        assertThat(s[j]).as("user %d item %d", u, j).isCloseTo((float) expected, within(1e-5f));
      }
    }
    assertThat(m.canScoreItemSet()).isFalse();
  }
}
