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
 * the 400 KB score array per call; {@code scoreOnly} isolates the scoring.
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
