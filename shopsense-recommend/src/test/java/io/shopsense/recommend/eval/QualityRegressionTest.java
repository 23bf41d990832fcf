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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quality regression: the tuned figures of docs/evaluation.md on MovieLens-100K fold u1 (full
 * ranking, ratings as implicit feedback, top-10, pessimistic ties, seed 42, 2 threads), each
 * algorithm with the hyper-parameters chosen on a validation split of u1.base. Tolerance ±0.01
 * on NDCG@10 and HR@10: wide enough for floating-point drift across kernels (SIMD or scalar),
 * narrow enough to catch any change that matters. Skipped when the data is absent.
 */
class QualityRegressionTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "popular |                                                        | 0.3247 | 0.8715",
      "itemknn | itemknn.neighbors=400,itemknn.shrinkage=0               | 0.5160 | 0.9477",
      "userknn | userknn.neighbors=50,userknn.shrinkage=0               | 0.5238 | 0.9455",
      "ease    | ease.lambda=500                                        | 0.5652 | 0.9564",
      "als     | als.factors=64,als.regularization=50,als.alpha=5       | 0.5529 | 0.9586",
      // Hogwild with 2 threads is not bit-reproducible; the tolerance covers its run-to-run noise
      "bpr     | bpr.factors=256,bpr.learning_rate=0.05,bpr.regularization=0.01,bpr.epochs=200,bpr.learning_rate_decay=0.985 | 0.5439 | 0.9608"})
  void movieLens100kFoldU1(String algorithm, String params, double ndcg, double hitRate) {
    Optional<Path> base = SharedData.file("movielens-100k/u1.base");
    Optional<Path> test = SharedData.file("movielens-100k/u1.test");
    assumeTrue(base.isPresent() && test.isPresent(), "MovieLens-100K u1 split not found under the shared data directory");
    Config c = Config.defaults().with(Map.of("eval.threads", "2", "eval.seed", "42")).with(parse(params));
    Split s = EvalFiles.givenSplit(base.get(), test.get(), EvalFiles.Format.MOVIELENS, c);
    AlgorithmResult r = new Evaluator(Recommenders::create).evaluate(s, List.of(algorithm), c, List.of(), "ml100k-u1",
        "given", null).result(algorithm);
    assertThat(r.usersEvaluated()).isEqualTo(459);
    assertThat(r.metric("ndcg")).as("NDCG@10").isCloseTo(ndcg, within(0.01));
    assertThat(r.metric("hit_rate")).as("HR@10").isCloseTo(hitRate, within(0.01));
  }

  static Map<String, String> parse(String params) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (params == null || params.isBlank()) return m;
    for (String kv : params.split(",")) {
      String[] p = kv.trim().split("=", 2);
      m.put(p[0], p[1]);
    }
    return m;
  }
}
