package io.shopsense.recommend.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpdInverseTest {
  /** A random SPD matrix M M^T + n I, sizes chosen to straddle the 64-row blocks and 256-column tiles. */
  private static double[][] randomSpd(int n, long seed) {
    Random r = new Random(seed);
    double[][] m = new double[n][n];
    for (double[] row : m) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += m[i][k] * m[j][k];
        a[i][j] = a[j][i] = s + (i == j ? n : 0);
      }
    }
    return a;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  @Test
  void inverseTimesMatrixIsIdentity() {
    for (int n : new int[] {1, 2, 63, 65, 130, 300}) {
      long seed = 1000 + n;
      double[][] a = randomSpd(n, seed);
      double[][] inv = copy(a);
      SpdInverse.invertLower(inv, 2, null);
      double worst = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) s += a[i][k] * (k <= j ? inv[j][k] : inv[k][j]); // symmetric: read lower
          worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
        }
      }
      assertThat(worst).as("n=%d seed=%d", n, seed).isLessThan(1e-10);
    }
  }

  @Test
  void sameResultForAnyThreadCount() {
    double[][] a = randomSpd(333, 7);
    double[][] one = copy(a), three = copy(a);
    SpdInverse.invertLower(one, 1, null);
    SpdInverse.invertLower(three, 3, null);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j <= i; j++) assertThat(three[i][j]).isEqualTo(one[i][j]);
    }
  }

  @Test
  void rejectsIndefiniteMatrixNamingTheRow() {
    double[][] a = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
    assertThatThrownBy(() -> SpdInverse.invertLower(a, 1, null))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("row 2");
  }
}
