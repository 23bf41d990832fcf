package io.shopsense.recommend.mf;

import static io.shopsense.recommend.mf.TestData.config;
import static io.shopsense.recommend.mf.TestData.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Checkerboard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Item-weighted missing data in implicit ALS ({@code als.unobserved_exponent}, He et al. 2016). */
class ImplicitAlsUnobservedWeightTest {
  private static final long SEED = 20261129L;

  /** Users x items with a skewed item popularity and weights 1..5; the last item has no users. */
  static InteractionMatrix randomMatrix(int users, int items, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] r = new int[users * items];
    int[] c = new int[users * items];
    float[] v = new float[users * items];
    int n = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items - 1; i++) {
        if (rnd.nextDouble() < 0.6 / (1 + 0.15 * i)) { // item 0 ~60% of users, item 38 ~9%
          r[n] = u;
          c[n] = i;
          v[n++] = 1 + rnd.nextInt(5);
        }
      }
    }
    return TestData.matrix(users, items, r, c, v).transpose().transpose();
  }

  @Test
  void weightsAreMeanOneAndProportionalToPopularityToTheBeta() {
    // item 0: 2 users, item 1: 1 user, item 2: none
    InteractionMatrix data = TestData.matrix(3, 3, new int[] {0, 1, 2}, new int[] {0, 0, 1}, new float[] {1, 3, 1});
    ImplicitAls beta1 = new ImplicitAls(config("als.unobserved_exponent", "1"));
    assertThat(beta1.itemWeights(data.transpose())).containsExactly(2f, 1f, 0f);
    float[] half = new ImplicitAls(config("als.unobserved_exponent", "0.5")).itemWeights(data.transpose());
    double norm = 3 / (Math.sqrt(2) + 1);
    assertThat(half).containsExactly((float) (norm * Math.sqrt(2)), (float) norm, 0f);
    float[] neg = new ImplicitAls(config("als.unobserved_exponent", "-1")).itemWeights(data.transpose());
    assertThat(neg).as("beta < 0 weighs the rare item more; an item without users still 0")
        .containsExactly(1f, 2f, 0f);
    assertThat(new ImplicitAls(config()).itemWeights(data.transpose())).as("beta = 0: the unweighted path").isNull();
  }

  /**
   * After a fit with β = 0.5 and as many CG steps as twice the rank, the item rows (the last
   * half-step) are the exact weighted least-squares solutions given the user rows, and the user rows
   * those given the item rows up to ALS's own convergence; the user half-step alone is checked
   * exactly by {@link #userHalfStepIsTheExactWeightedSolution}.
   */
  @Test
  void afterAFitEachRowIsTheExactWeightedLeastSquaresSolution() {
    InteractionMatrix data = randomMatrix(60, 40, SEED);
    int f = 6;
    double beta = 0.5, alpha = 2, lambda = 0.05;
    Config c = config("als.factors", "" + f, "als.iterations", "60", "als.cg_steps", "" + 2 * f,
        "als.regularization", "" + lambda, "als.alpha", "" + alpha, "als.regularization_exponent", "1",
        "als.unobserved_exponent", "" + beta);
    FactorModel m = new ImplicitAls(c).fit(data, ctx(c, 3, 2));
    // the weights and ridges from the definitions, not from the code under test
    double[] s = weights(data.transpose(), beta);
    assertThat(s[0]).as("popular items weigh more as negatives").isGreaterThan(1.5 * s[38]);
    assertThat(s[39]).as("an item without users").isZero();
    for (int i = 0; i < s.length; i++) assertThat((double) m.unobservedWeights()[i]).isCloseTo(s[i], within(1e-5));
    double sumS = Arrays.stream(s).sum();
    double[] userRidge = new double[data.rows()];
    for (int u = 0; u < data.rows(); u++) userRidge[u] = lambda * (sumS + alpha * rowSum(data, u));
    InteractionMatrix t = data.transpose();
    double[] itemRidge = new double[t.rows()];
    for (int i = 0; i < t.rows(); i++) itemRidge[i] = lambda * (s[i] * data.rows() + alpha * rowSum(t, i));
    double items = worstRelativeError(t, perRow(s), null, alpha, itemRidge, m.userFactors(), m.itemFactors(), f);
    assertThat(items).as("item rows, the last half-step (seed " + SEED + ")").isLessThan(1e-5);
    double users = worstRelativeError(data, null, s, alpha, userRidge, m.itemFactors(), m.userFactors(), f);
    assertThat(users).as("user rows, one half-step before the end (seed " + SEED + ")").isLessThan(1e-2);
    // and beta matters: the unweighted fit of the same setting lands elsewhere
    FactorModel plain = new ImplicitAls(c.with(Map.of("als.unobserved_exponent", "0"))).fit(data, ctx(c, 3, 2));
    double diff = 0;
    for (int k = 0; k < plain.userFactors().length; k++) diff = Math.max(diff, Math.abs(plain.userFactors()[k] - m.userFactors()[k]));
    assertThat(diff).isGreaterThan(1e-2);
  }

  /** One user half-step of the kernel (weighted Gram YᵀSY, per-column base confidence) against dense solves. */
  @Test
  void userHalfStepIsTheExactWeightedSolution() {
    InteractionMatrix data = randomMatrix(60, 40, SEED + 2);
    int f = 6;
    double alpha = 3;
    SplittableRandom rnd = new SplittableRandom(SEED);
    float[] y = new float[data.cols() * f];
    for (int k = 0; k < y.length; k++) y[k] = (float) rnd.nextGaussian();
    double[] s = weights(data.transpose(), 0.5);
    float[] sf = new float[s.length];
    for (int i = 0; i < s.length; i++) sf[i] = (float) s[i];
    float[] ridge = new float[data.rows()];
    double[] ridgeD = new double[data.rows()];
    for (int u = 0; u < ridge.length; u++) ridgeD[u] = ridge[u] = 0.1f + u % 3;
    float[] x = new float[data.rows() * f]; // cold start: CG from zero, 2f steps
    int[] order = new int[data.rows()];
    for (int u = 0; u < order.length; u++) order[u] = u;
    float[] gram = Gram.withRidge(Gram.compute(y, sf, data.cols(), f, null), f, 0);
    new ConjugateGradient(f, 16, 1024).solve(x, order, 0, order.length, y, gram, ridge, null, sf, data.rowPointers(),
        data.colIndex(), data.values(), (float) alpha, 2 * f);
    assertThat(worstRelativeError(data, null, s, alpha, ridgeD, y, x, f)).as("seed " + SEED).isLessThan(1e-4);
  }

  static double[] weights(InteractionMatrix t, double beta) {
    double[] s = new double[t.rows()];
    double total = 0;
    for (int i = 0; i < s.length; i++) total += s[i] = t.rowLength(i) == 0 ? 0 : Math.pow(t.rowLength(i), beta);
    for (int i = 0; i < s.length; i++) s[i] *= s.length / total;
    return s;
  }

  private static double rowSum(InteractionMatrix m, int row) {
    double sum = 0;
    for (int q = m.rowStart(row); q < m.rowEnd(row); q++) sum += m.values()[q];
    return sum;
  }

  private static double[][] perRow(double[] s) {
    double[][] out = new double[s.length][];
    for (int i = 0; i < s.length; i++) out[i] = new double[] {s[i]};
    return out;
  }

  /**
   * The worst relative error of x's rows (rows of m) against the dense solution of {@code (Σ_all cols
   * w y yᵀ + ridge I) x = Σ_observed w y}, with {@code w = s + alpha r} on observed pairs and s on the
   * others, where s is the row's own weight ({@code rowWeight[row][0]}) or the column's ({@code colWeight}).
   */
  static double worstRelativeError(InteractionMatrix m, double[][] rowWeight, double[] colWeight, double alpha,
      double[] ridge, float[] y, float[] x, int f) {
    double worst = 0;
    for (int row = 0; row < m.rows(); row++) {
      if (m.rowLength(row) == 0) {
        for (int p = 0; p < f; p++) assertThat(x[row * f + p]).isZero();
        continue;
      }
      double[] a = new double[f * f];
      double[] b = new double[f];
      for (int col = 0; col < m.cols(); col++) {
        int q = Arrays.binarySearch(m.colIndex(), m.rowStart(row), m.rowEnd(row), col);
        double w = (rowWeight != null ? rowWeight[row][0] : colWeight[col]) + (q >= 0 ? alpha * m.values()[q] : 0);
        for (int p = 0; p < f; p++) {
          if (q >= 0) b[p] += w * y[col * f + p];
          for (int r = 0; r < f; r++) a[p * f + r] += w * y[col * f + p] * y[col * f + r];
        }
      }
      for (int p = 0; p < f; p++) a[p * f + p] += ridge[row];
      assertThat(Cholesky.solve(a, f, b)).isTrue();
      double err = 0, norm = 0;
      for (int p = 0; p < f; p++) {
        err += Math.pow(x[row * f + p] - b[p], 2);
        norm += b[p] * b[p];
      }
      worst = Math.max(worst, Math.sqrt(err / norm));
    }
    return worst;
  }

  @Test
  void foldInSolvesTheSameWeightedSystemAndSurvivesTheModelFile() throws IOException {
    InteractionMatrix data = randomMatrix(60, 40, SEED + 1);
    Config c = config("als.factors", "6", "als.iterations", "40", "als.cg_steps", "12", "als.regularization", "0.5",
        "als.alpha", "2", "als.unobserved_exponent", "0.5");
    ImplicitAls als = new ImplicitAls(c);
    FactorModel m = als.fit(data, ctx(c, 4, 1));
    double worst = 1;
    for (int u = 0; u < data.rows(); u++) {
      int s = data.rowStart(u), e = data.rowEnd(u);
      float[] folded = m.foldInUser(Arrays.copyOfRange(data.colIndex(), s, e), Arrays.copyOfRange(data.values(), s, e));
      worst = Math.min(worst, MfKernels.cosine(folded, 0, m.userFactors(), u * m.factors(), m.factors()));
    }
    assertThat(worst).as("fold-in of a training user against its trained row (seed " + SEED + ")").isGreaterThan(0.999);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    assertThat(version(bytes.toByteArray())).isEqualTo(2);
    FactorModel back = als.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), data);
    assertThat(back.unobservedWeights()).containsExactly(m.unobservedWeights());
    assertThat(back.foldInUser(new int[] {1, 5}, null)).containsExactly(m.foldInUser(new int[] {1, 5}, null));
    // an unweighted model keeps the version-1 bytes older readers know
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    new ImplicitAls(c.with(Map.of("als.unobserved_exponent", "0"))).fit(data, ctx(c, 4, 1)).write(new DataOutputStream(plain));
    assertThat(version(plain.toByteArray())).isEqualTo(1);
  }

  /** The format version: after the magic int and the name's modified UTF-8. */
  private static int version(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    buf.getInt();
    int len = buf.getShort();
    buf.position(buf.position() + len);
    return buf.getInt();
  }

  @Test
  void checkerboardStillFindsEachUsersHeldOutItem() {
    // 30 iterations: at 10 the margin is thin even at beta = 0 (user 25: 0.279 against 0.262 for another block's
    // item), and beta = 0.0001, the same loss, already flips it by rounding; at 30 every beta in -0.5..0.5 passes
    Config c = config("als.factors", "8", "als.iterations", "30", "als.regularization", "0.1", "als.alpha", "10",
        "als.unobserved_exponent", "0.5");
    Checkerboard cb = Checkerboard.build();
    for (int threads : new int[] {1, 2}) cb.assertHeldOutTop1(new ImplicitAls(c), cb.context(c, threads));
  }

  @Test
  void unobservedExponentOutsideMinusTwoToTwoIsRejected() {
    assertThatThrownBy(() -> new ImplicitAls(config("als.unobserved_exponent", "2.5")))
        .hasMessageContaining("als.unobserved_exponent");
    assertThatThrownBy(() -> new ImplicitAls(config("als.unobserved_exponent", "-3")))
        .hasMessageContaining("als.unobserved_exponent");
    assertThatThrownBy(() -> new ImplicitAls(config("als.unobserved_exponent", "NaN")))
        .hasMessageContaining("als.unobserved_exponent");
  }
}
