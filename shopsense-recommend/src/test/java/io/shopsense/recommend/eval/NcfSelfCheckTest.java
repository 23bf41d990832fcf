package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shopsense.core.SharedData;
import io.shopsense.core.config.Config;
import io.shopsense.recommend.Recommenders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The NCF protocol (He et al. 2017) over MovieLens-1M. The evaluator's self-check: popularity
 * must reproduce the published HR@10 0.4535 and NDCG@10 0.2543 within 0.002, with duplicate
 * candidates removed and ties broken pessimistically. Then the quality regression of the best
 * tuned model (docs/evaluation.md), within ±0.01. Skipped when the NCF files are absent.
 */
class NcfSelfCheckTest {
  private static Split split(Config c) {
    Optional<Path> train = SharedData.file("ncf/ml-1m.train.rating");
    Optional<Path> test = SharedData.file("ncf/ml-1m.test.rating");
    assumeTrue(train.isPresent() && test.isPresent() && SharedData.file("ncf/ml-1m.test.negative").isPresent(),
        "NCF ML-1M files not found under the shared data directory");
    return EvalFiles.givenSplit(train.get(), test.get(), EvalFiles.Format.NCF, c);
  }

  @Test
  void popularityReproducesThePublishedFigures() {
    Config c = Config.defaults();
    Split s = split(c);
    assertThat(s.test().size()).isEqualTo(6040);
    AlgorithmResult r = new Evaluator(Recommenders::create).evaluate(s, List.of("popular"), c, List.of(), "ncf", "ncf", null)
        .result("popular");
    assertThat(r.usersEvaluated()).isEqualTo(6040);
    assertThat(r.metric("hit_rate")).isCloseTo(0.4535, within(0.002));
    assertThat(r.metric("ndcg")).isCloseTo(0.2543, within(0.002));
  }

  /**
   * The best model of docs/evaluation.md: ALS with the frequency-scaled ridge and item-weighted
   * missing data (β = 0.1), as chosen by the second validation stage (run 16; about a minute: the
   * slowest test of the module, kept because it guards the headline figure). Seed 42 gives HR@10
   * 0.7308 and NDCG@10 0.4537; the earlier setting (β = 0, run 6) gave 0.7291-0.7325 and 0.4536-0.4551
   * over training seeds 42-51, so the tolerance holds the seed noise many times over.
   */
  @Test
  void tunedAlsKeepsItsFigures() {
    Config c = Config.defaults().with(Map.of("eval.threads", "2", "eval.seed", "42", "als.factors", "256",
        "als.regularization", "0.011", "als.regularization_exponent", "1", "als.alpha", "6", "als.iterations", "15",
        "als.unobserved_exponent", "0.1"));
    AlgorithmResult r = new Evaluator(Recommenders::create).evaluate(split(c), List.of("als"), c, List.of(), "ncf", "ncf",
        null).result("als");
    assertThat(r.metric("hit_rate")).as("HR@10").isCloseTo(0.7308, within(0.01));
    assertThat(r.metric("ndcg")).as("NDCG@10").isCloseTo(0.4537, within(0.01));
  }
}
