package io.shopsense.recommend.mf;

/** Told after each iteration (ALS) or epoch (BPR) of a factorization; benchmarks and tests use it. */
@FunctionalInterface
public interface TrainingListener {
  /** Does nothing. */
  TrainingListener NONE = (done, total, seconds, loss) -> {};

  /**
   * @param done iterations finished so far (1-based)
   * @param total iterations planned
   * @param seconds wall time of this iteration
   * @param loss the algorithm's training figure (ALS-WR: train RMSE; BPR: fraction of sampled
   *     triples ordered wrongly before their update), NaN when not computed (implicit ALS)
   */
  void iteration(int done, int total, double seconds, double loss);
}
