package io.shopsense.bench;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.shopsense.search.rank.Feature;
import io.shopsense.search.rank.LtrRanker;
import io.shopsense.search.rank.TrainingSet;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One explained search result: the SHAP contributions of one candidate under a LambdaMART model of
 * the serving size (150 trees of up to 31 leaves, the {@code rank.lgbm.*} defaults), computed by
 * the ranker's Java TreeSHAP against LightGBM's native {@code C_API_PREDICT_CONTRIB} on the same
 * model. Rows are synthetic feature vectors (10% zeros, 3% missing), cycled over 512.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExplainBench {
  private static final int ROWS = 512;
  private LtrRanker ranker;
  private LGBMBooster booster;
  private float[] x;
  private int row;

  @Setup
  public void setup() throws LGBMException {
    SplittableRandom r = new SplittableRandom(7);
    int f = Feature.COUNT;
    TrainingSet.Builder b = new TrainingSet.Builder();
    for (int g = 0; g < 2000; g++) {
      float[] gx = rows(r, 30);
      float[] y = new float[30];
      float[] w = new float[30];
      for (int i = 0; i < 30; i++) {
        double s = 0;
        for (int j = 0; j < f; j++) if (!Float.isNaN(gx[i * f + j])) s += gx[i * f + j] * (j % 3 - 1);
        y[i] = s + r.nextGaussian() > 1 ? (r.nextDouble() < 0.3 ? 3 : 1) : 0;
        w[i] = 1;
      }
      b.add(gx, y, w, 30);
    }
    ranker = LtrRanker.train(b.build(), new LtrRanker.Params(150,
        "learning_rate=0.05 num_leaves=31 min_data_in_leaf=50 feature_fraction=0.9 lambdarank_truncation_level=20", 1));
    booster = LGBMBooster.loadModelFromString(ranker.modelString());
    x = rows(r, ROWS);
  }

  private static float[] rows(SplittableRandom r, int n) {
    float[] out = new float[n * Feature.COUNT];
    for (int k = 0; k < out.length; k++) {
      double u = r.nextDouble();
      out[k] = u < 0.1 ? 0f : u < 0.13 ? Float.NaN : (float) r.nextDouble();
    }
    return out;
  }

  @TearDown
  public void tearDown() throws LGBMException {
    booster.close();
  }

  @Benchmark
  public double[] javaTreeShap() {
    row = (row + 1) % ROWS;
    return ranker.contributions(x, row);
  }

  @Benchmark
  public double[] nativeContrib() throws LGBMException {
    row = (row + 1) % ROWS;
    float[] one = Arrays.copyOfRange(x, row * Feature.COUNT, (row + 1) * Feature.COUNT);
    return booster.predictForMat(one, 1, Feature.COUNT, true, PredictionType.C_API_PREDICT_CONTRIB, "num_threads=1");
  }
}
