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
  void badParametersAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> new Bpr(config("bpr.factors", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bpr.factors");
    assertThatThrownBy(() -> new Bpr(config("bpr.regularization", "-0.01")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bpr.regularization");
    assertThatThrownBy(() -> new Bpr(config("bpr.learning_rate", "0"))).hasMessageContaining("bpr.learning_rate");
    assertThatThrownBy(() -> new Bpr(config("bpr.epochs", "-3"))).hasMessageContaining("bpr.epochs");
    assertThatThrownBy(() -> new Bpr(config("bpr.item_bias", "maybe"))).hasMessageContaining("bpr.item_bias");
  }
}
