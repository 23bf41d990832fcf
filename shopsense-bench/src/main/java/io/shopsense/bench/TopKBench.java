package io.shopsense.bench;

import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.mf.FactorModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Top-10 for one user from a 64-factor model over 100,000 items (issue 3 target: under 1 ms):
 * scoring every item ({@link FactorModel#scoreUser}) plus {@link TopK}. {@code reusedBuffer} is how
 * serving should call it; {@code recommend} is the {@code TrainedModel} default, which allocates
 * the 400 KB score array per call; {@code scoreOnly} isolates the scoring. Its {@link #main} times
 * the same calls in thread CPU time, which a shared machine distorts less than wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopKBench {
  private static final int ITEMS = 100_000;
  private static final int USERS = 1_000;
  private static final int FACTORS = 64;
  private FactorModel model;
  private float[] buffer;
  private int user;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    float[] u = new float[USERS * FACTORS];
    float[] v = new float[ITEMS * FACTORS];
    for (int k = 0; k < u.length; k++) u[k] = (float) r.nextGaussian();
    for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian();
    model = new FactorModel("als", FACTORS, u, v, null, Float.NaN, Float.NaN);
    buffer = new float[ITEMS];
  }

  private int nextUser() {
    user = (user + 1) % USERS;
    return user;
  }

  /** Thread-CPU-time version: {@code --calls 2000}. */
  public static void main(String[] args) {
    BenchArgs a = new BenchArgs(args);
    int calls = a.getInt("calls", 2000);
    java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
    TopKBench b = new TopKBench();
    b.setup();
    float sink = 0;
    for (int round = 0; round < 5; round++) {
      long c0 = tb.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int i = 0; i < calls; i++) sink += b.scoreOnly()[i % ITEMS];
      long c1 = tb.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      for (int i = 0; i < calls; i++) sink += b.reusedBuffer().get(0).score();
      long c2 = tb.getCurrentThreadCpuTime();
      long w2 = System.nanoTime();
      System.out.printf(java.util.Locale.ROOT,
          "round %d: score %.3f ms CPU (%.3f wall); score + top-10 %.3f ms CPU (%.3f wall) per call; simd=%s%n", round,
          (c1 - c0) / 1e6 / calls, (w1 - w0) / 1e6 / calls, (c2 - c1) / 1e6 / calls, (w2 - w1) / 1e6 / calls,
          io.shopsense.recommend.mf.MfKernels.simd());
    }
    if (sink == 42) System.out.println();
  }

  @Benchmark
  public List<ScoredItem> reusedBuffer() {
    model.scoreUser(nextUser(), buffer);
    return TopK.select(buffer, 10, null);
  }

  @Benchmark
  public List<ScoredItem> recommend() {
    return model.recommend(nextUser(), 10, null);
  }

  @Benchmark
  public float[] scoreOnly() {
    model.scoreUser(nextUser(), buffer);
    return buffer;
  }
}
