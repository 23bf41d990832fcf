package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shopsense.core.SharedData;
import io.shopsense.core.config.Config;
import io.shopsense.recommend.Recommenders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's self-check on the NCF protocol (He et al. 2017) over MovieLens-1M: popularity
 * must reproduce the published HR@10 0.4535 and NDCG@10 0.2543 within 0.002, with duplicate
 * candidates removed and ties broken pessimistically. Skipped when the NCF files are absent.
 */
class NcfSelfCheckTest {
  @Test
  void popularityReproducesThePublishedFigures() {
    Optional<Path> train = SharedData.file("ncf/ml-1m.train.rating");
    Optional<Path> test = SharedData.file("ncf/ml-1m.test.rating");
    assumeTrue(train.isPresent() && test.isPresent() && SharedData.file("ncf/ml-1m.test.negative").isPresent(),
        "NCF ML-1M files not found under the shared data directory");
    Config c = Config.defaults();
    Split s = EvalFiles.givenSplit(train.get(), test.get(), EvalFiles.Format.NCF, c);
    assertThat(s.test().size()).isEqualTo(6040);
    AlgorithmResult r = new Evaluator(Recommenders::create).evaluate(s, List.of("popular"), c, List.of(), "ncf", "ncf", null)
        .result("popular");
    assertThat(r.usersEvaluated()).isEqualTo(6040);
    assertThat(r.metric("hit_rate")).isCloseTo(0.4535, within(0.002));
    assertThat(r.metric("ndcg")).isCloseTo(0.2543, within(0.002));
  }
}
