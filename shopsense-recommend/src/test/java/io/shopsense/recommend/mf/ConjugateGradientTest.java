package io.shopsense.recommend.mf;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.matrix.InteractionMatrix;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {
  /** The textbook per-row loop the blocked, tiled solver must reproduce bit for bit. */
  private static void referenceSolve(float[] x, int row, float[] y, float[] gram, int[] ptr, int[] cols, float[] vals,
      float alpha, int steps, int f) {
    int xo = row * f;
    if (ptr[row] == ptr[row + 1]) {
      Arrays.fill(x, xo, xo + f, 0f);
      return;
    }
    float[] r = new float[f];
    float[] p = new float[f];
    float[] ap = new float[f];
    MfKernels.symMatVec(gram, x, xo, r, 0, f);
    for (int k = 0; k < f; k++) r[k] = -r[k];
    for (int q = ptr[row]; q < ptr[row + 1]; q++) {
      int yo = cols[q] * f;
      float c1 = alpha * vals[q];
      float d = MfKernels.dot(y, yo, x, xo, f);
      MfKernels.axpy(r, 0, (1f + c1) - c1 * d, y, yo, f);
    }
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = MfKernels.dot(r, 0, r, 0, f);
    for (int step = 0; step < steps && rsOld > 1e-20f; step++) {
      MfKernels.symMatVec(gram, p, 0, ap, 0, f);
      for (int q = ptr[row]; q < ptr[row + 1]; q++) {
        int yo = cols[q] * f;
        MfKernels.axpy(ap, 0, alpha * vals[q] * MfKernels.dot(y, yo, p, 0, f), y, yo, f);
      }
      float pap = MfKernels.dot(p, 0, ap, 0, f);
      if (!(pap > 0)) break;
      float a = rsOld / pap;
      MfKernels.axpy(x, xo, a, p, 0, f);
      MfKernels.axpy(r, 0, -a, ap, 0, f);
      float rsNew = MfKernels.dot(r, 0, r, 0, f);
      float beta = rsNew / rsOld;
      for (int k = 0; k < f; k++) p[k] = r[k] + beta * p[k];
      rsOld = rsNew;
    }
  }

  @Test
  void blockedTiledSolveIsBitIdenticalToRowByRow() {
    int f = 64;
    int rows = 53;
    int cols = 3000; // three column tiles at 64 factors
    Random rnd = new Random(17);
    int[] r = new int[rows * 400];
    int[] c = new int[r.length];
    float[] w = new float[r.length];
    int n = 0;
    for (int row = 0; row < rows; row++) {
      int len = row % 7 == 3 ? 0 : rnd.nextInt(row % 5 == 0 ? 400 : 12); // some empty, some long
      for (int k = 0; k < len; k++) {
        r[n] = row;
        c[n] = rnd.nextInt(cols);
        w[n++] = 1 + rnd.nextInt(5);
      }
    }
    InteractionMatrix m = TestData.matrix(rows, cols, Arrays.copyOf(r, n), Arrays.copyOf(c, n), Arrays.copyOf(w, n));
    float[] y = new float[cols * f];
    for (int k = 0; k < y.length; k++) y[k] = rnd.nextFloat() * 0.2f;
    float[] x0 = new float[rows * f];
    for (int k = 0; k < x0.length; k++) x0[k] = rnd.nextFloat() * 0.01f;
    float[] gram = Gram.withRidge(Gram.compute(y, cols, f, null), f, 0.1);
    float[] expected = x0.clone();
    for (int row = 0; row < rows; row++) {
      referenceSolve(expected, row, y, gram, m.rowPointers(), m.colIndex(), m.values(), 5f, 3, f);
    }
    int[] order = new int[rows];
    for (int k = 0; k < rows; k++) order[k] = (k * 7) % rows; // any order gives the same rows
    // the default blocking, and small blocks and tiles that leave partial blocks and many tiles
    for (ConjugateGradient cg : new ConjugateGradient[] {new ConjugateGradient(f), new ConjugateGradient(f, 5, 4096 * 8)}) {
      float[] actual = x0.clone();
      cg.solve(actual, order, 0, rows, y, gram, m.rowPointers(), m.colIndex(), m.values(), 5f, 3);
      assertThat(actual).containsExactly(expected);
      assertThat(actual).isNotEqualTo(x0);
    }
  }
}
