package io.shopsense.recommend.mf;

import static io.shopsense.recommend.mf.TestData.config;
import static io.shopsense.recommend.mf.TestData.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.InteractionMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplicitAlsTest {
  /** 5 users x 6 items of star ratings, rank-2 by construction (two tastes) with one odd rating. */
  private static final float[][] RATINGS = {
      {5, 4, 0, 1, 0, 1},
      {4, 0, 5, 1, 2, 0},
      {0, 5, 4, 0, 1, 1},
      {1, 0, 2, 5, 4, 0},
      {1, 1, 0, 4, 0, 5},
  };

  private static InteractionMatrix tiny() {
    List<int[]> rc = new ArrayList<>();
    List<Float> v = new ArrayList<>();
    for (int u = 0; u < RATINGS.length; u++) {
      for (int i = 0; i < RATINGS[u].length; i++) {
        if (RATINGS[u][i] > 0) {
          rc.add(new int[] {u, i});
          v.add(RATINGS[u][i]);
        }
      }
    }
    int[] r = rc.stream().mapToInt(x -> x[0]).toArray();
    int[] c = rc.stream().mapToInt(x -> x[1]).toArray();
    float[] w = new float[v.size()];
    for (int k = 0; k < w.length; k++) w[k] = v.get(k);
    return TestData.matrix(5, 6, r, c, w);
  }

  @Test
  void tinyRatingMatrixReachesLowTrainRmse() {
    Config c = config("alswr.factors", "4", "alswr.iterations", "30", "alswr.regularization", "0.01");
    List<Double> rmse = new ArrayList<>();
    FactorModel m = new ExplicitAls(c).fit(tiny(), ctx(c, 1, 1), (done, total, sec, loss) -> rmse.add(loss));
    assertThat(rmse).hasSize(30);
    assertThat(rmse.get(29)).isLessThan(0.1).isLessThan(rmse.get(0));
    assertThat(ExplicitAls.rmse(m, tiny())).isEqualTo(rmse.get(29), org.assertj.core.data.Offset.offset(1e-9));
    // the predictions are ratings: user 0 rated item 0 with 5
    float[] s = new float[6];
    m.scoreUser(0, s);
    assertThat(s[0]).isCloseTo(5f, org.assertj.core.data.Offset.offset(0.3f));
  }

  @Test
  void checkerboardLikedHeldOutItemRanksFirstAndAboveTheDislikedOne() {
    RatingCheckerboard cb = new RatingCheckerboard(4, 10, 8);
    Config c = config("alswr.factors", "8", "alswr.iterations", "10", "alswr.regularization", "0.05");
    FactorModel m = new ExplicitAls(c).fit(cb.train, ctx(c, 3, 2));
    float[] s = new float[m.numItems()];
    for (int u = 0; u < cb.users(); u++) {
      m.scoreUser(u, s);
      assertThat(s[cb.heldOut[u]]).as("user %d", u).isGreaterThan(4.5f);
      assertThat(s[cb.heldOutDisliked[u]]).as("user %d", u).isLessThan(1.5f);
    }
    assertThat(cb.misses(m)).isZero();
  }

  @Test
  void deterministicForASeedAtAnyThreadCount() {
    InteractionMatrix data = new RatingCheckerboard(3, 20, 10).train;
    Config c = config("alswr.factors", "6", "alswr.iterations", "3");
    FactorModel a = new ExplicitAls(c).fit(data, ctx(c, 9, 1));
    FactorModel b = new ExplicitAls(c).fit(data, ctx(c, 9, 2));
    assertThat(b.userFactors()).containsExactly(a.userFactors());
    assertThat(b.itemFactors()).containsExactly(a.itemFactors());
  }

  @Test
  void roundTripGivesIdenticalScores() throws IOException {
    Config c = config("alswr.factors", "4");
    ExplicitAls als = new ExplicitAls(c);
    FactorModel m = als.fit(tiny(), ctx(c, 1, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    FactorModel back = als.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), tiny());
    float[] a = new float[6];
    float[] b = new float[6];
    for (int u = 0; u < 5; u++) {
      m.scoreUser(u, a);
      back.scoreUser(u, b);
      assertThat(b).containsExactly(a);
    }
    assertThat(back.canFoldIn()).isFalse();
  }

  @Test
  void badParametersAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> new ExplicitAls(config("alswr.factors", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alswr.factors");
    assertThatThrownBy(() -> new ExplicitAls(config("alswr.factors", "257"))).hasMessageContaining("between 1 and 256");
    assertThatThrownBy(() -> new ExplicitAls(config("alswr.regularization", "-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alswr.regularization");
    assertThatThrownBy(() -> new ExplicitAls(config("alswr.regularization", "0"))).hasMessageContaining("between 1.0E-9");
    assertThatThrownBy(() -> new ExplicitAls(config("alswr.iterations", "0"))).hasMessageContaining("alswr.iterations");
  }
}
