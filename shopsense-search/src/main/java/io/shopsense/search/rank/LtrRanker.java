package io.shopsense.search.rank;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LambdaMART (Burges 2010, "From RankNet to LambdaRank to LambdaMART: An Overview"): gradient
 * boosted regression trees whose gradients are the pairwise lambdas scaled by the NDCG change of
 * swapping the pair, trained by LightGBM's {@code lambdarank} objective through lightgbm4j. One
 * group per logged search; labels 0-3; per-row weights carry the inverse-propensity correction of
 * position bias ({@link PositionBias}), which LightGBM multiplies into each row's gradient. Training
 * is O(iterations x rows x features) with histogram binning; scoring a row is O(trees x depth).
 *
 * <p>Serving runs no native code: scores come from the trees evaluated in Java ({@link
 * TreeEnsemble}, equal to LightGBM's raw scores) and explanations from TreeSHAP in Java ({@link
 * TreeShap}, Lundberg et al. 2018: per-feature values that add up, with the expected value, to the
 * row's score, as LightGBM's {@code C_API_PREDICT_CONTRIB} gives them). LightGBM is only called to
 * train; it extracts its shared libraries into {@code java.io.tmpdir} on first use, so callers
 * point that under the data directory first (see {@link
 * io.shopsense.search.embed.NativeLibraries#prepare}). Immutable and thread-safe.
 */
public final class LtrRanker implements Ranker {
  private static final Logger LOG = LoggerFactory.getLogger(LtrRanker.class);
  static final String HEADER = "shopsense-ranker lambdamart 1";

  /**
   * Training parameters.
   *
   * @param iterations boosting rounds ({@code rank.lgbm.iterations})
   * @param params LightGBM parameters ({@code rank.lgbm.params}), added to the lambdarank objective
   * @param threads LightGBM threads for training ({@code rank.lgbm.threads}, 0 = all cores)
   */
  public record Params(int iterations, String params, int threads) {
    public Params {
      if (iterations < 1) throw new IllegalArgumentException("rank.lgbm.iterations must be >= 1, got " + iterations);
    }
  }

  private final String model;
  private final TreeEnsemble trees;

  private LtrRanker(String model) {
    this.model = model;
    this.trees = TreeEnsemble.parse(model);
    if (trees.features() != Feature.COUNT) {
      throw new IllegalArgumentException("LightGBM model has " + trees.features() + " features, the ranker needs " + Feature.COUNT);
    }
  }

  /**
   * lightgbm4j extracts its libraries into {@code java.io.tmpdir} and loads them with
   * {@code System.load}, which needs an absolute path: a relative {@code -Djava.io.tmpdir} is made
   * absolute (the same directory) before the first LightGBM class loads.
   */
  static synchronized void nativePath() {
    String tmp = System.getProperty("java.io.tmpdir");
    if (tmp != null && !java.nio.file.Path.of(tmp).isAbsolute()) {
      System.setProperty("java.io.tmpdir", java.nio.file.Path.of(tmp).toAbsolutePath().toString());
    }
  }

  /** Trains on the groups of {@code data}. */
  public static LtrRanker train(TrainingSet data, Params p) {
    if (data.groups().length == 0) throw new IllegalArgumentException("no training groups");
    nativePath();
    int threads = p.threads() > 0 ? p.threads() : Runtime.getRuntime().availableProcessors();
    String params = "objective=lambdarank metric=ndcg eval_at=10 verbose=-1 deterministic=true force_row_wise=true seed=42"
        + " num_threads=" + threads + " " + p.params();
    long t0 = System.nanoTime();
    try (LGBMDataset ds = LGBMDataset.createFromMat(data.features(), data.rows(), Feature.COUNT, true, "max_bin=63", null)) {
      ds.setFeatureNames(Feature.names());
      ds.setField("label", data.labels());
      ds.setField("weight", data.weights());
      ds.setField("group", data.groups());
      String text;
      try (LGBMBooster b = LGBMBooster.create(ds, params)) {
        int step = Math.max(1, p.iterations() / 10);
        for (int it = 1; it <= p.iterations(); it++) {
          if (b.updateOneIter()) break; // no further split possible
          if (it % step == 0) LOG.info("lambdamart: {}%", it * 100 / p.iterations());
        }
        text = b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
      }
      LOG.info("lambdamart: {} groups, {} rows, {} iterations in {} s", data.groups().length, data.rows(),
          p.iterations(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      return new LtrRanker(text);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
    }
  }

  /** A ranker from a LightGBM model string (as in {@link #modelString()}). */
  public static LtrRanker fromModelString(String model) {
    return new LtrRanker(model);
  }

  @Override
  public String kind() {
    return "lambdamart";
  }

  @Override
  public double[] score(float[] features, int rows) {
    double[] out = new double[rows];
    trees.score(features, rows, Feature.COUNT, out);
    return out;
  }

  /** The SHAP value of each feature for one row ({@link TreeShap}); they add up, with a bias, to its score. */
  @Override
  public double[] contributions(float[] features, int row) {
    return trees.contributions(features, row, Feature.COUNT);
  }

  /** The LightGBM model text. */
  public String modelString() {
    return model;
  }

  @Override
  public String save() {
    return HEADER + "\nfeatures " + String.join(",", Feature.names()) + "\n" + model;
  }

  static LtrRanker load(String text) {
    int a = text.indexOf('\n');
    int b = a < 0 ? -1 : text.indexOf('\n', a + 1);
    if (a < 0 || b < 0 || !text.substring(0, a).trim().equals(HEADER)) throw new IllegalArgumentException("not a lambdamart ranker");
    Rankers.checkFeatures(text.substring(a + 1, b).trim());
    return new LtrRanker(text.substring(b + 1));
  }
}
