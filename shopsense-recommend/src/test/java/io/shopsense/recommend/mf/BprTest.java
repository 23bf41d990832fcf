package io.shopsense.recommend.mf;

import static io.shopsense.recommend.mf.TestData.config;
import static io.shopsense.recommend.mf.TestData.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Checkerboard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BprTest {
  private static final Config SMALL = config("bpr.factors", "8", "bpr.epochs", "200", "bpr.learning_rate", "0.1",
      "bpr.regularization", "0.001");

  @Test
  void checkerboardHeldOutItemIsEachUsersTopUnseen() {
    Checkerboard cb = Checkerboard.build();
    List<Double> wrong = new ArrayList<>();
    FactorModel m = new Bpr(SMALL).fit(cb.train, ctx(SMALL, 7, 2), (done, total, sec, loss) -> wrong.add(loss));
    cb.assertHeldOutTop1(m);
    // the share of misordered sampled triples falls from about a half to almost none
    assertThat(wrong.get(0)).isGreaterThan(0.3);
    assertThat(wrong.get(wrong.size() - 1)).isLessThan(0.02);
  }

  @Test
  void oneThreadIsBitReproducibleForASeed() {
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    Config c = config("bpr.factors", "16", "bpr.epochs", "5");
    FactorModel a = new Bpr(c).fit(data, ctx(c, 5, 1));
    FactorModel b = new Bpr(c).fit(data, ctx(c, 5, 1));
    assertThat(b.userFactors()).containsExactly(a.userFactors());
    assertThat(b.itemFactors()).containsExactly(a.itemFactors());
    assertThat(b.itemBias()).containsExactly(a.itemBias());
    FactorModel other = new Bpr(c).fit(data, ctx(c, 6, 1));
    assertThat(other.itemFactors()).isNotEqualTo(a.itemFactors());
  }

  @Test
  void roundTripWithBiasGivesIdenticalScores() throws IOException {
    InteractionMatrix data = LowRankData.generate(200, 90, 4, 10, 5).train();
    Bpr bpr = new Bpr(config("bpr.factors", "8", "bpr.epochs", "3"));
    FactorModel m = bpr.fit(data, ctx(SMALL, 3, 2));
    assertThat(m.itemBias()).isNotNull();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    FactorModel back = bpr.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), data);
    float[] a = new float[m.numItems()];
    float[] b = new float[m.numItems()];
    for (int u = 0; u < data.rows(); u++) {
      m.scoreUser(u, a);
      back.scoreUser(u, b);
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void withoutItemBiasTheModelHasNone() {
    Checkerboard cb = Checkerboard.build();
    Config c = config("bpr.factors", "4", "bpr.epochs", "2", "bpr.item_bias", "false");
    assertThat(new Bpr(c).fit(cb.train, ctx(c, 1, 1)).itemBias()).isNull();
  }

  @Test
  void theDefaultsAreConstantStepAndOneUniformNegative() {
    // the two refinements' defaults must leave the plain algorithm exactly as it was
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    Config plain = config("bpr.factors", "16", "bpr.epochs", "4");
    Config explicit = config("bpr.factors", "16", "bpr.epochs", "4", "bpr.learning_rate_decay", "1",
        "bpr.negative_candidates", "1");
    assertThat(Config.defaults().getDouble("bpr.learning_rate_decay")).isEqualTo(1.0);
    assertThat(Config.defaults().getInt("bpr.negative_candidates")).isEqualTo(1);
    FactorModel a = new Bpr(plain).fit(data, ctx(plain, 9, 1));
    FactorModel b = new Bpr(explicit).fit(data, ctx(explicit, 9, 1));
    assertThat(b.userFactors()).containsExactly(a.userFactors());
    assertThat(b.itemFactors()).containsExactly(a.itemFactors());
    assertThat(b.itemBias()).containsExactly(a.itemBias());
  }

  @Test
  void aDecayingStepSizeLeavesTheFirstEpochAloneAndShrinksTheLaterOnes() {
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    float[] one = fitItems(data, "1", "1");
    float[] constant = fitItems(data, "3", "1");
    float[] decayed = fitItems(data, "3", "0.01");
    // epoch 1 runs at the full rate either way: same draws, same updates
    assertThat(fitItems(data, "1", "0.01")).containsExactly(one);
    // epochs 2-3 run at 1% and 0.01% of the rate: they move the factors about 1% as far
    double movedConstant = distance(constant, one);
    double movedDecayed = distance(decayed, one);
    assertThat(movedConstant).isGreaterThan(0);
    assertThat(movedDecayed).isLessThan(0.05 * movedConstant);
  }

  @Test
  void dynamicNegativesAreHarderAndStillLearnTheCheckerboard() {
    Config dynamic = config("bpr.factors", "8", "bpr.epochs", "200", "bpr.learning_rate", "0.1", "bpr.regularization", "0.001",
        "bpr.negative_candidates", "8");
    Checkerboard cb = Checkerboard.build();
    cb.assertHeldOutTop1(new Bpr(dynamic).fit(cb.train, ctx(dynamic, 7, 1)));
    // on noisy low-rank data, the highest-scored of 8 negatives is misordered far more often than a uniform one
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    double uniform = lastMisordered(data, "1");
    double hardest = lastMisordered(data, "8");
    assertThat(hardest).as("uniform %s, dynamic %s", uniform, hardest).isGreaterThan(uniform + 0.05);
  }

  private static double lastMisordered(InteractionMatrix data, String candidates) {
    Config c = config("bpr.factors", "16", "bpr.epochs", "20", "bpr.negative_candidates", candidates);
    List<Double> wrong = new ArrayList<>();
    new Bpr(c).fit(data, ctx(c, 7, 1), (done, total, sec, loss) -> wrong.add(loss));
    return wrong.get(wrong.size() - 1);
  }

  private static float[] fitItems(InteractionMatrix data, String epochs, String decay) {
    Config c = config("bpr.factors", "16", "bpr.epochs", epochs, "bpr.learning_rate_decay", decay);
    return new Bpr(c).fit(data, ctx(c, 4, 1)).itemFactors();
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += (double) (a[k] - b[k]) * (a[k] - b[k]);
    return Math.sqrt(s);
  }

  @Test
  void badParametersAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> new Bpr(config("bpr.factors", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bpr.factors");
    assertThatThrownBy(() -> new Bpr(config("bpr.regularization", "-0.01")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bpr.regularization");
    assertThatThrownBy(() -> new Bpr(config("bpr.learning_rate", "0"))).hasMessageContaining("bpr.learning_rate");
    assertThatThrownBy(() -> new Bpr(config("bpr.epochs", "-3"))).hasMessageContaining("bpr.epochs");
    assertThatThrownBy(() -> new Bpr(config("bpr.item_bias", "maybe"))).hasMessageContaining("bpr.item_bias");
    assertThatThrownBy(() -> new Bpr(config("bpr.learning_rate_decay", "1.5"))).hasMessageContaining("bpr.learning_rate_decay");
    assertThatThrownBy(() -> new Bpr(config("bpr.learning_rate_decay", "0"))).hasMessageContaining("bpr.learning_rate_decay");
    assertThatThrownBy(() -> new Bpr(config("bpr.negative_candidates", "0"))).hasMessageContaining("bpr.negative_candidates");
  }
}
