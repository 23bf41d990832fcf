package io.shopsense.neural.multvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Checkerboard;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mult-VAE: the known answer, the Java forward pass against DJL's, the model file, the parameters. */
class MultVaeTest {
  /** A small network for the 48 x 32 checkerboard: 180 Adam steps, a few seconds of training. */
  private static final String[] SMALL = {"multvae.hidden", "32", "multvae.latent", "8", "multvae.epochs", "60",
      "multvae.batch", "16", "multvae.learning_rate", "0.01"};
  private static final Checkerboard CB = Checkerboard.build();
  private static final Config SMALL_CONFIG = TestData.config(SMALL);
  private static MultVaeModel fitted;

  /** The checkerboard model on 2 threads, fitted once for the tests that only read it. */
  private static synchronized MultVaeModel checkerboardModel() {
    if (fitted == null) fitted = (MultVaeModel) Recommenders.create("multvae", SMALL_CONFIG).fit(CB.train, CB.context(SMALL_CONFIG, 2));
    return fitted;
  }

  @Test
  void heldOutItemIsTopOneOnTheCheckerboard() {
    CB.assertHeldOutTop1(Recommenders.create("multvae", SMALL_CONFIG), CB.context(SMALL_CONFIG, 1));
    CB.assertHeldOutTop1(checkerboardModel());
  }

  @Test
  void javaScoringEqualsDjlForwardPassAtTheMean() {
    InteractionMatrix m = TestData.random(300, 400, 12, 7L);
    MultVaeParams p = MultVaeParams.from(TestData.config("multvae.hidden", "64", "multvae.latent", "16",
        "multvae.epochs", "2", "multvae.batch", "50"));
    int[] users = IntStream.range(0, m.rows()).toArray();
    float[][] djl;
    MultVaeModel model;
    try (MultVaeTrainer t = new MultVaeTrainer(p, m.cols(), 3L, 2)) {
      t.train(m);
      djl = t.logitsAtMean(m, users);
      model = new MultVaeModel(t.export(), m);
    }
    float[] java = new float[m.cols()];
    double worst = 0;
    for (int u : users) {
      model.scoreUser(u, java);
      for (int i = 0; i < java.length; i++) {
        assertThat(java[i]).as("user %d item %d", u, i).isCloseTo(djl[u][i], within(1e-4f));
        worst = Math.max(worst, Math.abs(java[i] - djl[u][i]));
      }
    }
    System.out.println("multvae: largest |Java - DJL| logit difference " + worst);
    // the weights did move away from the start: the scores are not constant
    model.scoreUser(0, java);
    float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
    for (float v : java) { min = Math.min(min, v); max = Math.max(max, v); }
    assertThat(max - min).isGreaterThan(0.1f);
  }

  @Test
  void modelFileRoundTripGivesIdenticalScores() throws IOException {
    Checkerboard cb = CB;
    Recommender r = Recommenders.create("multvae", SMALL_CONFIG);
    TrainedModel m = checkerboardModel();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      m.write(out);
    }
    TrainedModel back = r.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), cb.train);
    assertThat(back.name()).isEqualTo("multvae");
    float[] a = new float[m.numItems()], b = new float[m.numItems()];
    for (int u = -1; u <= cb.train.rows(); u++) { // -1 and rows(): users the model does not know
      m.scoreUser(u, a);
      back.scoreUser(u, b);
      assertThat(b).as("user %d", u).containsExactly(a);
    }
    cb.assertHeldOutTop1(back);
    // the file is checked against the matrix it serves
    InteractionMatrix other = TestData.random(10, 5, 2, 1L);
    assertThatThrownBy(() -> r.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), other))
        .isInstanceOf(IOException.class).hasMessageContaining("items");
  }

  @Test
  void aUsersItemsScoredAsASetEqualTheirRowAndNewItemsFoldIn() {
    Checkerboard cb = CB;
    MultVaeModel m = checkerboardModel();
    float[] row = new float[m.numItems()], set = new float[m.numItems()];
    int u = 5;
    int[] items = Arrays.copyOfRange(cb.train.colIndex(), cb.train.rowStart(u), cb.train.rowEnd(u));
    m.scoreUser(u, row);
    int[] repeated = IntStream.concat(Arrays.stream(items), Arrays.stream(items)).toArray();
    m.scoreItemSet(repeated, null, set);
    assertThat(set).containsExactly(row);
    // a shopper with only one item of block 2 (items 16..23) gets block 2's other items first
    m.scoreItemSet(new int[] {17}, new float[] {1f}, set);
    int best = -1;
    for (int i = 0; i < set.length; i++) if (i != 17 && (best < 0 || set[i] > set[best])) best = i;
    assertThat(best / Checkerboard.ITEMS_PER_BLOCK).isEqualTo(2);
  }

  @Test
  void sameSeedAndThreadsGiveTheSameModel() {
    InteractionMatrix m = TestData.random(200, 150, 10, 11L);
    Config c = TestData.config("multvae.hidden", "48", "multvae.latent", "12", "multvae.epochs", "3", "multvae.batch", "40");
    TrainContext ctx = new TrainContext(c, 99L, 2, null, null);
    MultVaeModel a = (MultVaeModel) Recommenders.create("multvae", c).fit(m, ctx);
    MultVaeModel b = (MultVaeModel) Recommenders.create("multvae", c).fit(m, ctx);
    MultVaeModel other = (MultVaeModel) Recommenders.create("multvae", c).fit(m, new TrainContext(c, 100L, 2, null, null));
    assertThat(b.weights().w3()).containsExactly(a.weights().w3());
    assertThat(b.weights().w1()).containsExactly(a.weights().w1());
    assertThat(other.weights().w3()).isNotEqualTo(a.weights().w3());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"multvae.hidden,0", "multvae.latent,-1", "multvae.epochs,0", "multvae.batch,0",
      "multvae.learning_rate,0", "multvae.learning_rate,abc", "multvae.dropout,1", "multvae.dropout,-0.1",
      "multvae.beta_max,-1", "multvae.anneal_steps,-5"})
  void badParametersAreRejectedNamingTheKey(String key, String value) {
    Config c = TestData.config(key, value);
    assertThatThrownBy(() -> Recommenders.create("multvae", c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
  }

  @Test
  void registeredThroughTheProviderAndAnnealingIsLinear() {
    assertThat(Recommenders.names()).contains("multvae", "als", "ease");
    assertThatThrownBy(() -> Recommenders.create("nope", Config.defaults())).hasMessageContaining("multvae");
    MultVaeParams p = MultVaeParams.from(Config.defaults());
    assertThat(p).isEqualTo(new MultVaeParams(600, 200, 200, 500, 0.001, 0.5, 0.2, 0));
    assertThat(p.beta(0, 100)).isZero();
    assertThat(p.beta(50, 100)).isCloseTo(0.1, within(1e-12));
    MultVaeParams fixed = MultVaeParams.from(TestData.config("multvae.anneal_steps", "10"));
    assertThat(fixed.beta(5, 100)).isCloseTo(0.1, within(1e-12));
    assertThat(fixed.beta(50, 100)).isCloseTo(0.2, within(1e-12));
  }
}
