package io.shopsense.recommend.popular;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ItemCategories;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trending items: interaction weight in a recent window with exponential time decay,
 * {@code trend(i) = sum over events e on i with t_e >= now - window of w_type(e) * 2^(-(now - t_e) / halfLife)}
 * (the decayed-count form of "what is hot now" used since Digg/Reddit style rankings; see e.g.
 * Lathia et al., "Temporal diversity in recommender systems", SIGIR 2010, for time-aware popularity).
 *
 * <p>The interaction matrix carries no event times, so the trend is a side input:
 * {@link TrainContext#itemTrend()}, computed from the event stream by {@link TrendWeights}
 * ({@code trending.half_life_hours}, {@code trending.window_days}). Without it, trending falls back to
 * the matrix's summed weights (already decayed by {@code matrix.half_life_days}) and logs a warning.
 * Per category like {@link Popularity}. Fit O(nnz + items), score O(items).
 */
public final class Trending implements Recommender {
  public static final String NAME = "trending";
  private static final Logger LOG = LoggerFactory.getLogger(Trending.class);

  public Trending(Config config) {
    TrendWeights.validate(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PopularityModel fit(InteractionMatrix data, TrainContext ctx) {
    float[] trend = ctx.itemTrend();
    float[] scores;
    if (trend == null) {
      LOG.warn("trending: no item trend in the training context; using the matrix weights (decayed by matrix.half_life_days)");
      scores = Popularity.itemTotals(data, Popularity.Mode.WEIGHT);
    } else {
      if (trend.length != data.cols()) {
        throw new IllegalArgumentException("item trend has " + trend.length + " entries but the matrix has " + data.cols() + " items");
      }
      scores = trend.clone();
    }
    return new PopularityModel(NAME, scores, ItemCategories.of(data.colIds(), ctx.catalog()));
  }

  @Override
  public TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return PopularityModel.read(NAME, in, data);
  }
}
