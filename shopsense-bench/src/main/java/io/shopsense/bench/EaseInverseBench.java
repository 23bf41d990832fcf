package io.shopsense.bench;

import io.shopsense.core.SharedData;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.linear.Ease;
import io.shopsense.recommend.linear.SpdInverse;
import java.util.Locale;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The dense SPD inverse at the heart of EASE, on the real EASE Gram matrix (X^T X + λI of the NCF
 * ML-1M training file, or of the random ML-1M-shaped matrix when the shared data is absent):
 * the hand-written {@link SpdInverse} on 1 and 2 threads against EJML 0.46.1's single-threaded
 * {@code CommonOps_DDRM.invertSPD} and multi-threaded {@code LinearSolverFactory_MT_DDRM.symmPosDef}.
 * Prints each time and the largest difference from the hand-written result.
 * Usage: {@code EaseInverseBench [--lambda 500] [--threads 2]}.
 */
public final class EaseInverseBench {
  private EaseInverseBench() {}

  public static void main(String[] args) throws Exception {
    double lambda = 500;
    int threads = 2;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--lambda" -> lambda = Double.parseDouble(args[++a]);
        case "--threads" -> threads = Integer.parseInt(args[++a]);
        default -> throw new IllegalArgumentException("unknown argument " + args[a]);
      }
    }
    System.out.println(Machine.describe());
    var f = SharedData.file("ncf/ml-1m.train.rating");
    InteractionMatrix m = f.isPresent() ? SkewedMatrix.ncf(f.get()) : SkewedMatrix.random(6040, 3706, 1_000_209, 7);
    System.out.printf(Locale.ROOT, "%s: %d items, lambda %s, threads %d%n", f.isPresent() ? "NCF ML-1M train" : "random ML-1M shape",
        m.cols(), lambda, threads);
    long c0 = Machine.processCpuNanos();
    long t0 = System.nanoTime();
    double[][] g = Ease.gram(m, lambda, threads);
    System.out.printf(Locale.ROOT, "gram X^T X + λI: %s%n", took(t0, c0));
    int n = g.length;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) g[i][j] = g[j][i]; // full symmetric for EJML

    double[][] mine = copy(g);
    c0 = Machine.processCpuNanos();
    t0 = System.nanoTime();
    SpdInverse.invertLower(mine, threads, null);
    System.out.printf(Locale.ROOT, "SpdInverse, %d threads: %s%n", threads, took(t0, c0));
    double[][] one = copy(g);
    c0 = Machine.processCpuNanos();
    t0 = System.nanoTime();
    SpdInverse.invertLower(one, 1, null);
    System.out.printf(Locale.ROOT, "SpdInverse, 1 thread: %s%n", took(t0, c0));
    one = null;

    DMatrixRMaj a = new DMatrixRMaj(g);
    g = null;
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    DMatrixRMaj work = a.copy();
    c0 = Machine.processCpuNanos();
    t0 = System.nanoTime();
    if (!CommonOps_DDRM.invertSPD(work, inv)) throw new IllegalStateException("EJML: not SPD");
    System.out.printf(Locale.ROOT, "EJML invertSPD (1 thread): %s, max |diff| %.2e%n", took(t0, c0), maxDiff(mine, inv));
    work = a.copy();
    EjmlConcurrency.setMaxThreads(threads);
    c0 = Machine.processCpuNanos();
    t0 = System.nanoTime();
    LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_MT_DDRM.symmPosDef(n);
    if (!s.setA(work)) throw new IllegalStateException("EJML MT: not SPD");
    s.invert(inv);
    System.out.printf(Locale.ROOT, "EJML symmPosDef MT (%d threads): %s, max |diff| %.2e%n", threads, took(t0, c0), maxDiff(mine, inv));
    System.out.println(Machine.describe());
  }

  private static String took(long t0, long c0) {
    return String.format(Locale.ROOT, "%.2f s wall, %.2f s process CPU", (System.nanoTime() - t0) / 1e9,
        (Machine.processCpuNanos() - c0) / 1e9);
  }

  private static double[][] copy(double[][] g) {
    double[][] c = new double[g.length][];
    for (int i = 0; i < g.length; i++) c[i] = g[i].clone();
    return c;
  }

  private static double maxDiff(double[][] lower, DMatrixRMaj full) {
    double d = 0;
    for (int i = 0; i < lower.length; i++) for (int j = 0; j <= i; j++) d = Math.max(d, Math.abs(lower[i][j] - full.get(i, j)));
    return d;
  }
}
