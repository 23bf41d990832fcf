package io.shopsense.recommend.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MfKernelsTest {
  @Test
  void dotAndAxpyMatchDoublePrecisionReferenceAtOddOffsetsAndLengths() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int round = 0; round < 300; round++) {
      int n = r.nextInt(140);
      float[] a = randoms(r, n + 9);
      float[] b = randoms(r, n + 9);
      int ao = r.nextInt(9);
      int bo = r.nextInt(9);
      double ref = 0;
      for (int k = 0; k < n; k++) ref += (double) a[ao + k] * b[bo + k];
      assertThat((double) MfKernels.dot(a, ao, b, bo, n)).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + n)));
      assertThat((double) MfKernels.dotScalar(a, ao, b, bo, n)).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + n)));
      float s = r.nextFloat() - 0.5f;
      float[] y1 = b.clone();
      float[] y2 = b.clone();
      MfKernels.axpy(y1, bo, s, a, ao, n);
      MfKernels.axpyScalar(y2, bo, s, a, ao, n);
      for (int k = 0; k < y1.length; k++) {
        assertThat(y1[k]).as("seed %d", seed).isCloseTo(y2[k], Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void simdBprStepMatchesScalar() {
    assumeThat(MfKernels.simd()).as("needs --add-modules jdk.incubator.vector").isTrue();
    Random r = new Random(4);
    for (int n : new int[] {1, 7, 8, 64, 67}) {
      float[] u = randoms(r, 3 * n);
      float[] v = randoms(r, 4 * n);
      float[] u2 = u.clone();
      float[] v2 = v.clone();
      VectorKernels.bprStep(u, n, v, 0, 2 * n, n, 0.3f, 0.05f, 0.01f);
      MfKernels.bprStepScalar(u2, n, v2, 0, 2 * n, 0, n, 0.3f, 0.05f, 0.01f);
      for (int k = 0; k < u.length; k++) assertThat(u[k]).isCloseTo(u2[k], Offset.offset(1e-6f));
      for (int k = 0; k < v.length; k++) assertThat(v[k]).isCloseTo(v2[k], Offset.offset(1e-6f));
    }
  }

  @Test
  void choleskySolvesASymmetricPositiveDefiniteSystem() {
    Random r = new Random(9);
    int n = 37;
    double[] m = new double[n * n];
    for (int k = 0; k < m.length; k++) m[k] = r.nextGaussian();
    double[] a = new double[n * n]; // a = m mᵀ + I
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
        a[i * n + j] = s;
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
    double[] b = new double[n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];
    assertThat(Cholesky.solve(a.clone(), n, b)).isTrue();
    for (int i = 0; i < n; i++) assertThat(b[i]).isCloseTo(x[i], Offset.offset(1e-8));
  }

  @Test
  void choleskyRejectsAnIndefiniteMatrix() {
    double[] a = {1, 2, 2, 1}; // eigenvalues 3 and -1
    assertThat(Cholesky.solve(a, 2, new double[] {1, 1})).isFalse();
  }

  private static float[] randoms(Random r, int n) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) a[k] = r.nextFloat() * 2 - 1;
    return a;
  }
}
