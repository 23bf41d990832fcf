package io.shopsense.recommend.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EaseTest {
  /** Gauss-Jordan inverse with partial pivoting: slow, obvious, independent of SpdInverse. */
  static double[][] naiveInverse(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
      double[] t = m[c]; m[c] = m[p]; m[p] = t;
      double d = m[c][c];
      for (int j = 0; j < 2 * n; j++) m[c][j] /= d;
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        double f = m[r][c];
        for (int j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) System.arraycopy(m[i], n, inv[i], 0, n);
    return inv;
  }

  @ParameterizedTest(name = "binary={0}")
  @ValueSource(booleans = {true, false})
  void weightsMatchTheClosedFormComputedNaively(boolean binary) {
    InteractionMatrix w = TestData.random(120, 90, 7, 17); // 90 items: more than one 64-row block
    InteractionMatrix x = binary ? EaseModel.ones(w) : w;
    double lambda = 3;
    Config c = TestData.config("ease.lambda", "3", "ease.binary", Boolean.toString(binary));
    EaseModel m = new Ease(c).fit(w, new TrainContext(c, 1, 2, List.of(), null));
    int n = x.cols();
    double[][] g = new double[n][n];
    for (int u = 0; u < x.rows(); u++) {
      for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
        for (int q = x.rowStart(u); q < x.rowEnd(u); q++) g[x.colIndex()[p]][x.colIndex()[q]] += x.values()[p] * x.values()[q];
      }
    }
    for (int i = 0; i < n; i++) g[i][i] += lambda;
    double[][] p = naiveInverse(g);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double expected = i == j ? 0 : -p[i][j] / p[j][j];
        assertThat((double) m.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-6 + 1e-5 * Math.abs(expected)));
      }
    }
    float[] s = new float[n];
    m.scoreUser(4, s);
    for (int j = 0; j < n; j++) {
      double e = 0; // x_u B
      for (int i = 0; i < n; i++) e += x.get(4, i) * (double) m.weight(i, j);
      assertThat(s[j]).isCloseTo((float) e, within(1e-4f));
    }
  }

  @Test
  void refusesTooManyItemsNamingTheKey() {
    InteractionMatrix x = TestData.random(20, 12, 3, 1);
    Config c = TestData.config("ease.max_items", "10");
    assertThatThrownBy(() -> new Ease(c).fit(x, new TrainContext(c, 1, 1, List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ease.max_items=10").hasMessageContaining("12 items");
  }

  @Test
  void lambdaZeroWithAnEmptyItemIsAClearError() {
    InteractionMatrix x = TestData.fromRows(new double[][] {{1, 0, 0}, {1, 1, 0}}); // item 3 has no interactions
    Config c = TestData.config("ease.lambda", "0");
    assertThatThrownBy(() -> new Ease(c).fit(x, new TrainContext(c, 1, 1, List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ease.lambda");
  }
}
