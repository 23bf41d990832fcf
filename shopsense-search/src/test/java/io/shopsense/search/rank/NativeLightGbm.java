package io.shopsense.search.rank;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Arrays;

/** LightGBM's own predictions of a model, as the reference the Java evaluation is tested against. */
final class NativeLightGbm {
  private NativeLightGbm() {}

  /** Raw scores of {@code rows} rows. */
  static double[] rawScores(String model, float[] x, int rows) throws LGBMException {
    return predict(model, x, rows, PredictionType.C_API_PREDICT_RAW_SCORE);
  }

  /** SHAP contributions of one row: {@link Feature#COUNT} values, then the expected value. */
  static double[] contributions(String model, float[] x, int row) throws LGBMException {
    return predict(model, Arrays.copyOfRange(x, row * Feature.COUNT, (row + 1) * Feature.COUNT), 1,
        PredictionType.C_API_PREDICT_CONTRIB);
  }

  private static double[] predict(String model, float[] x, int rows, PredictionType type) throws LGBMException {
    LtrRanker.nativePath();
    try (LGBMBooster b = LGBMBooster.loadModelFromString(model)) {
      float[] m = rows * Feature.COUNT == x.length ? x : Arrays.copyOf(x, rows * Feature.COUNT);
      return b.predictForMat(m, rows, Feature.COUNT, true, type, "num_threads=1");
    }
  }
}
