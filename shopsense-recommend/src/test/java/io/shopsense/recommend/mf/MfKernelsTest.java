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
  void scoreBlockAndDotDiffMatchTheirReferenceInBothForms() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int round = 0; round < 100; round++) {
      int f = 1 + r.nextInt(70);
      int stride = 1 + r.nextInt(80);
      int len = r.nextInt(stride + 1);
      float[] u = randoms(r, f + 3);
      short[] blk = new short[f * stride + 5];
      for (int k = 0; k < blk.length; k++) blk[k] = MfKernels.toBfloat16(r.nextFloat() * 2 - 1);
      float[] out = randoms(r, len + 4);
      float[] scalar = out.clone();
      float[] simd = out.clone();
      MfKernels.scoreBlockScalar(u, 3, f, blk, 5, stride, scalar, 4, 0, len);
      MfKernels.scoreBlock(u, 3, f, blk, 5, stride, simd, 4, len);
      for (int j = 0; j < out.length; j++) {
        double ref = out[j];
        if (j >= 4 && j < 4 + len) {
          for (int k = 0; k < f; k++) ref += (double) u[3 + k] * MfKernels.fromBfloat16(blk[5 + k * stride + j - 4]);
        }
        assertThat((double) scalar[j]).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + f)));
        assertThat((double) simd[j]).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + f)));
      }
      float[] v = randoms(r, 3 * f);
      double ref = 0;
      for (int k = 0; k < f; k++) ref += (double) u[k] * (v[f + k] - v[2 * f + k]);
      assertThat((double) MfKernels.dotDiff(u, 0, v, f, 2 * f, f)).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + f)));
      assertThat((double) MfKernels.dotDiffScalar(u, 0, v, f, 2 * f, 0, f)).as("seed %d", seed).isCloseTo(ref, Offset.offset(1e-4 * (1 + f)));
    }
  }

  @Test
  void bfloat16RoundsToNearestWithinHalfAUnitInTheLastPlace() {
    Random r = new Random(5);
    for (int k = 0; k < 10_000; k++) {
      float x = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
      float back = MfKernels.fromBfloat16(MfKernels.toBfloat16(x));
      assertThat((double) Math.abs(back - x)).isLessThanOrEqualTo(Math.abs(x) * Math.pow(2, -8));
    }
    assertThat(MfKernels.fromBfloat16(MfKernels.toBfloat16(1.5f))).isEqualTo(1.5f);
    assertThat(MfKernels.fromBfloat16(MfKernels.toBfloat16(-0f))).isEqualTo(-0f);
  }

  @Test
  void rowMembershipAnswersForBitsetAndSearchedRows() {
    // row 0 is long (bitset), row 1 short (binary search), row 2 empty
    int[] r = new int[45];
    int[] c = new int[45];
    float[] w = new float[45];
    for (int k = 0; k < 40; k++) {
      c[k] = 3 * k;
    }
    for (int k = 40; k < 45; k++) {
      r[k] = 1;
      c[k] = 7 * (k - 40) + 1;
    }
    java.util.Arrays.fill(w, 1f);
    RowMembership m = new RowMembership(TestData.matrix(3, 130, r, c, w));
    for (int col = 0; col < 130; col++) {
      assertThat(m.contains(0, col)).as("row 0 col %d", col).isEqualTo(col % 3 == 0 && col < 120);
      assertThat(m.contains(1, col)).as("row 1 col %d", col).isEqualTo(col % 7 == 1 && col < 35);
      assertThat(m.contains(2, col)).isFalse();
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
