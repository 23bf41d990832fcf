package io.shopsense.search.rank;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;

/**
 * The {@code rank.*} configuration (see shopsense-defaults.properties of shopsense-search).
 *
 * @param candidates hybrid candidates re-ranked per search, at training and serving
 * @param minSessions logged searches with a positive label needed before LambdaMART replaces the linear ranker
 * @param attributionMinutes how long after a search its results can be credited with a click, cart or purchase
 * @param maxTrainSessions most recent searches used for training at most
 */
public record RankSettings(int candidates, int minSessions, int attributionMinutes, double itemPrior, double queryPrior,
    double intentPrior, double ipwMaxWeight, double linearL2, LtrRanker.Params lgbm, int maxTrainSessions,
    int collaborativeRecent, double collaborativeWarmup, int maxReasons, double minReason) {

  public static RankSettings from(Config c) {
    RankSettings s = new RankSettings(c.getInt("rank.candidates"), c.getInt("rank.min_sessions"),
        c.getInt("rank.attribution_minutes"), c.getDouble("rank.smoothing.item"), c.getDouble("rank.smoothing.query"),
        c.getDouble("rank.intent.prior"), c.getDouble("rank.ipw.max_weight"), c.getDouble("rank.linear.l2"),
        new LtrRanker.Params(positive(c, "rank.lgbm.iterations"), c.get("rank.lgbm.params"), c.getInt("rank.lgbm.threads")),
        c.getInt("rank.train.max_sessions"), c.getInt("rank.collaborative.recent"), c.getDouble("rank.collaborative.warmup"), c.getInt("rank.explain.max_reasons"),
        c.getDouble("rank.explain.min_contribution"));
    positive(c, "rank.candidates");
    positive(c, "rank.attribution_minutes");
    positive(c, "rank.train.max_sessions");
    positive(c, "rank.collaborative.recent");
    if (!(s.collaborativeWarmup >= 0 && s.collaborativeWarmup < 1)) {
      throw new ConfigException("rank.collaborative.warmup must be in [0, 1)", "rank.collaborative.warmup");
    }
    if (s.minSessions < 0) throw new ConfigException("rank.min_sessions must be >= 0", "rank.min_sessions");
    if (!(s.itemPrior > 0) || !(s.queryPrior > 0)) throw new ConfigException("rank.smoothing.* must be > 0", "rank.smoothing.item");
    if (!(s.intentPrior > 0)) throw new ConfigException("rank.intent.prior must be > 0", "rank.intent.prior");
    if (!(s.ipwMaxWeight >= 1)) throw new ConfigException("rank.ipw.max_weight must be >= 1", "rank.ipw.max_weight");
    if (!(s.linearL2 >= 0)) throw new ConfigException("rank.linear.l2 must be >= 0", "rank.linear.l2");
    return s;
  }

  public static RankSettings defaults() {
    return from(Config.defaults());
  }

  public long attributionWindowMs() {
    return attributionMinutes * 60_000L;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v < 1) throw new ConfigException(key + " must be >= 1, got " + v, key);
    return v;
  }
}
