package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.blend.Blender;
import io.shopsense.recommend.knn.Neighbour;
import io.shopsense.recommend.knn.NeighbourSearch;
import io.shopsense.recommend.knn.Neighbours;
import io.shopsense.recommend.knn.Similarity;
import io.shopsense.recommend.knn.UserKnn;
import io.shopsense.recommend.knn.UserKnnModel;
import io.shopsense.recommend.popular.Popularity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of issue 3: rows users u1..u5, columns items i1..i5,
 * <pre>
 *        i1 i2 i3 i4 i5
 *   u1 [  0, 1, 0, 0, 0 ]
 *   u2 [  1, 0, 1, 1, 0 ]
 *   u3 [  1, 0, 0, 1, 0 ]
 *   u4 [  0, 0, 0, 1, 1 ]
 *   u5 [  0, 1, 0, 0, 0 ]
 * </pre>
 * Cosine, from sim(a,b) = sum_{k in S_a ∩ S_b} a_k b_k / (sqrt(sum_{S_a} a_k^2) sqrt(sum_{S_b} b_k^2)):
 * norms |u1| = 1, |u2| = √3, |u3| = √2, |u4| = √2, |u5| = 1.
 * <ul>
 *   <li>u1·u5 = 1 (item 2) → 1 / (1·1) = 1: u5 is identical to u1.</li>
 *   <li>u1 and u5 share no item with u2, u3, u4 → 0.</li>
 *   <li>u2·u3 = 2 (items 1, 4) → 2 / (√3·√2) = 2/√6 = 0.8164966</li>
 *   <li>u2·u4 = 1 (item 4) → 1 / (√3·√2) = 1/√6 = 0.4082483</li>
 *   <li>u3·u4 = 1 (item 4) → 1 / (√2·√2) = 0.5</li>
 * </ul>
 * Pearson, the correlation of the full five-position vectors (absent = 0), from
 * r = (D Σab − Σa Σb) / (√(D Σa² − (Σa)²) √(D Σb² − (Σb)²)) with D = 5; row sums Σa = Σa² =
 * 1, 3, 2, 2, 1, so the spreads √(5Σa² − (Σa)²) are 2, √6, √6, √6, 2:
 * <ul>
 *   <li>u1~u5 = (5·1 − 1·1) / (2·2) = 1</li>
 *   <li>u1~u2 = (0 − 1·3) / (2√6) = −0.6123724; u1~u3 = u1~u4 = (0 − 2) / (2√6) = −0.4082483 (same for u5)</li>
 *   <li>u2~u3 = (5·2 − 3·2) / 6 = 0.6666667; u2~u4 = (5·1 − 6) / 6 = −0.1666667; u3~u4 = (5·1 − 4) / 6 = 0.1666667</li>
 * </ul>
 * Only positive correlations become neighbours, so the Pearson neighbour lists hold u1~u5, u2~u3
 * and u3~u4.
 * Jaccard: u1~u5 = 1/1, u2~u3 = 2/3, u2~u4 = 1/4, u3~u4 = 1/3, all others 0.
 *
 * <p>So user 1's only neighbour is user 5, and user-kNN scores r̂_1j = 1·r_5j: item 2 only, which
 * user 1 already has. Collaborative filtering has nothing new for user 1, and the fallback takes
 * over with popularity (distinct users): i4 has 3 users, i1 2, i2 2 (seen), i3 1, i5 1, so user 1
 * gets i4, i1, then i3 and i5 (tie broken by lower index).
 */
class WorkedExampleTest {
  static final InteractionMatrix M = TestData.fromRows(new double[][] {
      {0, 1, 0, 0, 0},
      {1, 0, 1, 1, 0},
      {1, 0, 0, 1, 0},
      {0, 0, 0, 1, 1},
      {0, 1, 0, 0, 0}});
  static final int U1 = 0, U2 = 1, U3 = 2, U4 = 3, U5 = 4;

  /** The full similarity matrix from neighbour lists long enough to hold everyone (absent = 0). */
  private static double[][] similarities(Similarity s) {
    Neighbours n = NeighbourSearch.build(M, s, 4, 0, 1, null);
    double[][] out = new double[5][5];
    for (int a = 0; a < 5; a++) for (Neighbour b : n.of(a)) out[a][b.index()] = b.similarity();
    return out;
  }

  @Test
  void cosineSimilaritiesMatchTheHandComputation() {
    double[][] s = similarities(Similarity.COSINE);
    double[][] expected = new double[5][5];
    expected[U1][U5] = expected[U5][U1] = 1;
    expected[U2][U3] = expected[U3][U2] = 2 / Math.sqrt(6);
    expected[U2][U4] = expected[U4][U2] = 1 / Math.sqrt(6);
    expected[U3][U4] = expected[U4][U3] = 0.5;
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 5; b++) if (a != b) assertThat(s[a][b]).as("cos(u%d,u%d)", a + 1, b + 1).isCloseTo(expected[a][b], within(1e-6));
    }
  }

  @Test
  void pearsonSimilaritiesMatchTheHandComputation() {
    double[][] s = similarities(Similarity.PEARSON);
    double[][] expected = new double[5][5]; // negative correlations are not kept: 0 here
    expected[U1][U5] = expected[U5][U1] = 1;
    expected[U2][U3] = expected[U3][U2] = 4.0 / 6;
    expected[U3][U4] = expected[U4][U3] = 1.0 / 6;
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 5; b++) if (a != b) assertThat(s[a][b]).as("pearson(u%d,u%d)", a + 1, b + 1).isCloseTo(expected[a][b], within(1e-6));
    }
  }

  @Test
  void jaccardSimilaritiesMatchTheHandComputation() {
    double[][] s = similarities(Similarity.JACCARD);
    assertThat(s[U1][U5]).isCloseTo(1, within(1e-6));
    assertThat(s[U2][U3]).isCloseTo(2.0 / 3, within(1e-6));
    assertThat(s[U2][U4]).isCloseTo(1.0 / 4, within(1e-6));
    assertThat(s[U3][U4]).isCloseTo(1.0 / 3, within(1e-6));
    assertThat(s[U1][U2] + s[U1][U3] + s[U1][U4] + s[U5][U2] + s[U5][U3] + s[U5][U4]).isZero();
  }

  @Test
  void userOnesOnlyNeighbourIsUserFiveAndCfHasNothingNew() {
    Config c = TestData.config("userknn.similarity", "cosine", "userknn.neighbors", "4");
    UserKnnModel m = new UserKnn(c).fit(M, new TrainContext(c, 42, 1, List.of(), null));
    assertThat(m.neighbours(U1)).containsExactly(new Neighbour(U5, 1f));
    assertThat(m.neighbours(U2)).extracting(Neighbour::index).containsExactly(U3, U4);
    assertThat(m.neighbours(U4)).extracting(Neighbour::index).containsExactly(U3, U2);
    float[] scores = new float[5];
    m.scoreUser(U1, scores);
    assertThat(scores).containsExactly(0, 1, 0, 0, 0); // only item 2, which user 1 already has
    assertThat(m.recommend(U1, 5, i -> M.get(U1, i) == 0)).allMatch(s -> s.score() == 0f);
  }

  @Test
  void fallbackRecommendsPopularUnseenItemsToUserOne() {
    Config c = TestData.config("userknn.similarity", "cosine");
    TrainContext ctx = new TrainContext(c, 42, 1, List.of(), null);
    Blender b = Blender.builder(M).config(c)
        .add("userknn", new UserKnn(c).fit(M, ctx), 1)
        .fallback("popular", new Popularity(c).fit(M, ctx))
        .build();
    List<Candidate> recs = b.recommend(U1, 10, i -> M.get(U1, i) == 0);
    assertThat(recs).extracting(Candidate::item).containsExactly("i4", "i1", "i3", "i5");
    assertThat(recs).extracting(Candidate::source).containsOnly("popular");
    // a shopper the models have never seen gets the same popular list (plus i2, nothing filtered)
    assertThat(b.recommend(-1, 10, null)).extracting(Candidate::item).containsExactly("i4", "i1", "i2", "i3", "i5");
  }
}
