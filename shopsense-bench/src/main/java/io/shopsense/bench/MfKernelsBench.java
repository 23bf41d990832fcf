package io.shopsense.bench;

import io.shopsense.recommend.mf.Cholesky;
import io.shopsense.recommend.mf.MfKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The matrix-factorization kernels at 64 factors: the dot product and axpy the ALS conjugate-gradient
 * steps and scoring are made of, one BPR update, and a 64 x 64 Cholesky solve (ALS-WR, fold-in).
 * Rows are picked at random from 4,096 so reads are not all L1 hits. Run once plain and once with
 * {@code -jvmArgsAppend --add-modules=jdk.incubator.vector} to compare scalar and SIMD.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MfKernelsBench {
  private static final int ROWS = 4096;
  @Param({"64"})
  public int f;
  private float[] y;
  private float[] p;
  private float[] u;
  private double[] spd;
  private double[] a;
  private double[] b;
  private int row;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(3);
    y = new float[ROWS * f];
    for (int k = 0; k < y.length; k++) y[k] = (float) r.nextGaussian();
    p = new float[f];
    u = new float[ROWS * f];
    for (int k = 0; k < f; k++) p[k] = (float) r.nextGaussian();
    spd = new double[f * f];
    for (int i = 0; i < ROWS / 8; i++) {
      for (int s = 0; s < f; s++) for (int t = 0; t < f; t++) spd[s * f + t] += y[i * f + s] * y[i * f + t];
    }
    for (int s = 0; s < f; s++) spd[s * f + s] += 1;
    a = new double[f * f];
    b = new double[f];
  }

  private int next() {
    row = (row * 1103515245 + 12345) & (ROWS - 1);
    return row;
  }

  @Benchmark
  public float dot() {
    return MfKernels.dot(y, next() * f, p, 0, f);
  }

  @Benchmark
  public float[] axpy() {
    MfKernels.axpy(p, 0, 1e-9f, y, next() * f, f);
    return p;
  }

  @Benchmark
  public float[] bprStep() {
    int i = next();
    int j = (i + 1) & (ROWS - 1);
    MfKernels.bprStep(u, next() * f, y, i * f, j * f, f, 0.3f, 1e-4f, 0.01f);
    return u;
  }

  @Benchmark
  public double[] cholesky64() {
    System.arraycopy(spd, 0, a, 0, a.length);
    java.util.Arrays.fill(b, 1.0);
    Cholesky.solve(a, f, b);
    return b;
  }
}
