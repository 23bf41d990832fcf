package io.shopsense.recommend.mf;

import static io.shopsense.recommend.mf.TestData.config;
import static io.shopsense.recommend.mf.TestData.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Checkerboard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {
  private static final Config SMALL = config("als.factors", "8", "als.iterations", "10", "als.regularization", "0.1",
      "als.alpha", "10");

  @Test
  void checkerboardHeldOutItemIsEachUsersTopUnseen() {
    Checkerboard cb = Checkerboard.build();
    for (int threads : new int[] {1, 2}) cb.assertHeldOutTop1(new ImplicitAls(SMALL), cb.context(SMALL, threads));
  }

  @Test
  void factorsAreBitIdenticalForASeedAtAnyThreadCount() {
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    Config c = config("als.factors", "16", "als.iterations", "4");
    ImplicitAls als = new ImplicitAls(c);
    FactorModel one = als.fit(data, ctx(c, 5, 1));
    FactorModel oneAgain = als.fit(data, ctx(c, 5, 1));
    FactorModel two = als.fit(data, ctx(c, 5, 2));
    FactorModel twoAgain = als.fit(data, ctx(c, 5, 2));
    assertThat(oneAgain.userFactors()).containsExactly(one.userFactors());
    assertThat(oneAgain.itemFactors()).containsExactly(one.itemFactors());
    assertThat(twoAgain.userFactors()).containsExactly(two.userFactors());
    assertThat(twoAgain.itemFactors()).containsExactly(two.itemFactors());
    // rows are solved independently, so even the thread count does not change a bit
    assertThat(two.itemFactors()).containsExactly(one.itemFactors());
    FactorModel otherSeed = als.fit(data, ctx(c, 6, 2));
    assertThat(otherSeed.itemFactors()).isNotEqualTo(one.itemFactors());
  }

  @Test
  void foldingInATrainingUserReproducesItsFactors() {
    InteractionMatrix data = LowRankData.generate(400, 150, 4, 15, 3).train();
    Config c = config("als.factors", "16", "als.iterations", "25", "als.cg_steps", "4");
    FactorModel m = new ImplicitAls(c).fit(data, ctx(c, 1, 2));
    double worst = 1;
    for (int u = 0; u < data.rows(); u++) {
      int s = data.rowStart(u), e = data.rowEnd(u);
      float[] folded = m.foldInUser(Arrays.copyOfRange(data.colIndex(), s, e), Arrays.copyOfRange(data.values(), s, e));
      worst = Math.min(worst, MfKernels.cosine(folded, 0, m.userFactors(), u * m.factors(), m.factors()));
    }
    assertThat(worst).isGreaterThan(0.99);
  }

  @Test
  void foldInScoresANewShopperFromItsItems() {
    Checkerboard cb = Checkerboard.build(); // 4 blocks of 8 items
    FactorModel m = new ImplicitAls(SMALL).fit(cb.train, ctx(SMALL, 7, 1));
    assertThat(m.canScoreItemSet()).isTrue();
    // a new shopper who touched three items of block 2 gets the rest of block 2 first
    float[] s = new float[m.numItems()];
    m.scoreItemSet(new int[] {16, 17, 18, 17}, null, s);
    var top = io.shopsense.recommend.TopK.select(s, 5, i -> i < 16 || i > 18);
    assertThat(top).allSatisfy(x -> assertThat(x.item()).isBetween(16, 23));
  }

  @Test
  void eraseUserZeroesItsRow() {
    Checkerboard cb = Checkerboard.build();
    FactorModel m = new ImplicitAls(SMALL).fit(cb.train, ctx(SMALL, 7, 1));
    m.eraseUser(3);
    float[] s = new float[m.numItems()];
    m.scoreUser(3, s);
    assertThat(s).containsOnly(0f);
    assertThat(Arrays.copyOfRange(m.userFactors(), 2 * 8, 3 * 8)).isNotEqualTo(new float[8]);
  }

  @Test
  void roundTripGivesIdenticalScores() throws IOException {
    InteractionMatrix data = LowRankData.generate(200, 90, 4, 10, 5).train();
    ImplicitAls als = new ImplicitAls(SMALL);
    FactorModel m = als.fit(data, ctx(SMALL, 3, 2));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    FactorModel back = als.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), data);
    float[] a = new float[m.numItems()];
    float[] b = new float[m.numItems()];
    for (int u = 0; u < data.rows(); u++) {
      m.scoreUser(u, a);
      back.scoreUser(u, b);
      assertThat(b).containsExactly(a);
    }
    assertThat(back.foldInUser(new int[] {1, 2}, null)).containsExactly(m.foldInUser(new int[] {1, 2}, null));
    // the header is a little over 40 bytes; the rest is the raw factors
    assertThat(bytes.size()).isLessThan(4 * (data.rows() + data.cols()) * 8 + 64);
  }

  @Test
  void badParametersAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> new ImplicitAls(config("als.factors", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("als.factors");
    assertThatThrownBy(() -> new ImplicitAls(config("als.regularization", "-0.1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("als.regularization");
    assertThatThrownBy(() -> new ImplicitAls(config("als.alpha", "NaN"))).hasMessageContaining("als.alpha");
    assertThatThrownBy(() -> new ImplicitAls(config("als.cg_steps", "0"))).hasMessageContaining("als.cg_steps");
    assertThatThrownBy(() -> new ImplicitAls(config("als.iterations", "x"))).hasMessageContaining("als.iterations");
  }

  @Test
  void negativeWeightsAreRejectedNamingTheInteraction() {
    InteractionMatrix data = TestData.matrix(2, 2, new int[] {0, 1}, new int[] {1, 0}, new float[] {1, -2});
    assertThatThrownBy(() -> new ImplicitAls(SMALL).fit(data, ctx(SMALL, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'u1'").hasMessageContaining("'i0'");
  }

  @Test
  void frequencyScaledRidgeIsLambdaTimesTheRowsTotalConfidenceToTheNu() {
    // user 0 has weights 1 and 2 over 3 items: total confidence 3 + alpha * 3
    InteractionMatrix data = TestData.matrix(2, 3, new int[] {0, 0, 1}, new int[] {0, 2, 1}, new float[] {1, 2, 1});
    ImplicitAls als = new ImplicitAls(config("als.regularization", "0.5", "als.alpha", "4", "als.regularization_exponent", "0.5"));
    assertThat(als.rowRidges(data)).containsExactly((float) (0.5 * Math.sqrt(3 + 4 * 3)), (float) (0.5 * Math.sqrt(3 + 4)));
    assertThat(new ImplicitAls(SMALL).rowRidges(data)).as("nu = 0 (default): uniform ridge").isNull();
  }

  @Test
  void frequencyScaledFitSolvesEachRowsOwnRidgeSystem() {
    // after enough iterations every row is the exact minimizer given the other side and its own ridge
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 9).train();
    Config c = config("als.factors", "8", "als.iterations", "25", "als.cg_steps", "6", "als.regularization", "0.01",
        "als.alpha", "5", "als.regularization_exponent", "1");
    ImplicitAls als = new ImplicitAls(c);
    FactorModel m = als.fit(data, ctx(c, 2, 2));
    InteractionMatrix t = data.transpose();
    float[] itemRidge = als.rowRidges(t);
    float[] sorted = itemRidge.clone();
    Arrays.sort(sorted);
    assertThat(sorted[sorted.length - 1]).as("popular items get a larger ridge").isGreaterThan(1.2f * sorted[0]);
    assertThat(worstCosineToExact(data, als.rowRidges(data), m.itemFactors(), m.userFactors(), 8, 5)).isGreaterThan(0.99);
    assertThat(worstCosineToExact(t, itemRidge, m.userFactors(), m.itemFactors(), 8, 5)).isGreaterThan(0.99);
    // the uniform ridge of the same lambda gives other factors
    FactorModel uniform = new ImplicitAls(c.with(java.util.Map.of("als.regularization_exponent", "0"))).fit(data, ctx(c, 2, 2));
    assertThat(uniform.userFactors()).isNotEqualTo(m.userFactors());
  }

  /** The worst cosine between x's rows and the exact Cholesky solutions of their ridge systems given y. */
  private static double worstCosineToExact(InteractionMatrix m, float[] ridge, float[] y, float[] x, int f, double alpha) {
    double[] gram = new double[f * f];
    for (int i = 0; i < m.cols(); i++) {
      for (int p = 0; p < f; p++) for (int q = 0; q < f; q++) gram[p * f + q] += (double) y[i * f + p] * y[i * f + q];
    }
    double worst = 1;
    for (int row = 0; row < m.rows(); row++) {
      if (m.rowStart(row) == m.rowEnd(row)) continue; // no data: both are zero
      double[] a = gram.clone();
      double[] b = new double[f];
      for (int p = 0; p < f; p++) a[p * f + p] += ridge[row];
      for (int k = m.rowStart(row); k < m.rowEnd(row); k++) {
        int o = m.colIndex()[k] * f;
        double c1 = alpha * m.values()[k];
        for (int p = 0; p < f; p++) {
          b[p] += (1 + c1) * y[o + p];
          for (int q = 0; q < f; q++) a[p * f + q] += c1 * y[o + p] * y[o + q];
        }
      }
      assertThat(Cholesky.solve(a, f, b)).isTrue();
      float[] exact = new float[f];
      for (int p = 0; p < f; p++) exact[p] = (float) b[p];
      worst = Math.min(worst, MfKernels.cosine(exact, 0, x, row * f, f));
    }
    return worst;
  }

  @Test
  void defaultInitIsTheUniformStartAndInitStddevDrawsScaledNormals() {
    // default (0): the start every earlier release used, uniform in [0, 0.01) from the seed's stream
    float[] legacy = new float[4096];
    new ImplicitAls(SMALL).initialize(legacy, 64, new SplittableRandom(5));
    java.util.SplittableRandom expected = new SplittableRandom(5);
    for (float x : legacy) assertThat(x).isEqualTo((float) (expected.nextDouble() * 0.01));
    // sigma* = 0.1 at f = 64: mean 0, standard deviation 0.1 / 8 (4096 draws: the sd's own error is ~1.1%)
    float[] normal = new float[4096];
    new ImplicitAls(config("als.init_stddev", "0.1")).initialize(normal, 64, new SplittableRandom(5));
    double sum = 0, sq = 0;
    for (float x : normal) {
      sum += x;
      sq += (double) x * x;
    }
    double mean = sum / normal.length;
    assertThat(mean).isCloseTo(0, within(0.0125 * 4 / 64)); // 4 standard errors
    assertThat(Math.sqrt(sq / normal.length - mean * mean)).isCloseTo(0.0125, within(0.0125 * 0.05));
    assertThatThrownBy(() -> new ImplicitAls(config("als.init_stddev", "-0.1"))).hasMessageContaining("als.init_stddev");
  }

  @Test
  void normalInitStillFindsEachUsersHeldOutItemAndChangesTheFactors() {
    // from a small zero-mean start the blocks separate more slowly than from the uniform one: 30 iterations
    Config normal = SMALL.with(Map.of("als.init_stddev", "0.1", "als.iterations", "30"));
    Checkerboard cb = Checkerboard.build();
    cb.assertHeldOutTop1(new ImplicitAls(normal), cb.context(normal, 2));
    InteractionMatrix data = LowRankData.generate(300, 120, 4, 12, 11).train();
    FactorModel a = new ImplicitAls(normal.with(Map.of("als.init_stddev", "0"))).fit(data, ctx(normal, 5, 2));
    FactorModel b = new ImplicitAls(normal).fit(data, ctx(normal, 5, 2));
    assertThat(b.itemFactors()).isNotEqualTo(a.itemFactors());
    assertThat(new ImplicitAls(normal).fit(data, ctx(normal, 5, 1)).itemFactors()).as("deterministic for a seed")
        .containsExactly(b.itemFactors());
  }

  @Test
  void badRegularizationExponentIsRejected() {
    assertThatThrownBy(() -> new ImplicitAls(config("als.regularization_exponent", "-1")))
        .hasMessageContaining("als.regularization_exponent");
  }
}
