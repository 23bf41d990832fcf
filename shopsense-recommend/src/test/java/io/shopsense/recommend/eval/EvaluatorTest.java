package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator on a 3 x 5 example with fixed scores; every figure below is worked out by hand. */
class EvaluatorTest {
  private static final double EPS = 1e-4;
  @TempDir Path dir;

  /** Train: u0 {0}, u1 {1}, u2 nothing. Test: u0 {1, 2}, u1 {0}, u2 {3}. */
  private static Split split() {
    IdIndex users = IdIndex.of(List.of("u0", "u1", "u2"));
    IdIndex items = IdIndex.of(List.of("a", "b", "c", "d", "e"));
    InteractionLog train = InteractionLog.builder(users, items).add(0, 0, 1, 0).add(1, 1, 1, 0).build();
    InteractionLog test = InteractionLog.builder(users, items).add(0, 1, 1, 1).add(0, 2, 1, 1).add(1, 0, 1, 1)
        .add(2, 3, 1, 1).build();
    return new Split("hand", train, TestSet.of(test));
  }

  private static final float[][] SCORES = {
      {9, 5, 1, 5, 0}, // u0: item 0 is training; 3 ties with relevant 1 and ranks above it
      {2, 9, 2, 3, 1}, // u1: item 1 is training; relevant 0 ties with 2 and ranks below it
      {0, 0, 0, 1, 0}};

  @Test
  void handComputedFiguresWithPessimisticTies() throws Exception {
    Config c = Config.defaults().with(Map.of("eval.k", "2", "eval.threads", "2"));
    Path recs = dir.resolve("recs.jsonl");
    EvaluationReport r;
    try (RecsWriter w = new RecsWriter(recs)) {
      r = new Evaluator((n, cfg) -> new FixedScores(SCORES)).evaluate(split(), List.of("fixed"), c, List.of(), "hand",
          "given", w);
    }
    AlgorithmResult a = r.result("fixed");
    // u0 list [d, b]: one hit at rank 1 of 2 relevant; u1 list [d, c]: no hit; u2 skipped
    assertThat(a.usersEvaluated()).isEqualTo(2);
    assertThat(a.usersSkipped()).isEqualTo(1);
    assertThat(a.metric("precision")).isCloseTo((0.5 + 0) / 2, within(EPS));
    assertThat(a.metric("recall")).isCloseTo((0.5 + 0) / 2, within(EPS));
    // u0: (1/log2 3) / (1 + 1/log2 3) = 0.6309 / 1.6309 = 0.3869
    assertThat(a.metric("ndcg")).isCloseTo(0.3869 / 2, within(EPS));
    assertThat(a.metric("map")).isCloseTo((0.5 / 2) / 2, within(EPS));
    assertThat(a.metric("mrr")).isCloseTo(0.5 / 2, within(EPS));
    assertThat(a.metric("hit_rate")).isCloseTo(0.5, within(EPS));
    // u0: pos {b=5, c=1} vs neg {d=5, e=0}: 0.5 + 1 + 0 + 1 = 2.5/4; u1: pos {a=2} vs {c=2, d=3, e=1}: 1.5/3
    assertThat(a.metric("auc")).isCloseTo((0.625 + 0.5) / 2, within(EPS));
    // items {b, c, d} of 5
    assertThat(a.metric("coverage")).isCloseTo(0.6, within(EPS));
    // every listed item has 0 or 1 training users: -log2(1/3) each
    assertThat(a.metric("novelty")).isCloseTo(Math.log(3) / Math.log(2), within(EPS));
    assertThat(a.metrics()).doesNotContainKey("ndcg_graded").doesNotContainKey("rmse");
    assertThat(Files.readAllLines(recs)).containsExactly(
        "{\"algorithm\":\"fixed\",\"user\":\"u0\",\"items\":[\"d\",\"b\"]}",
        "{\"algorithm\":\"fixed\",\"user\":\"u1\",\"items\":[\"d\",\"c\"]}");
    assertThat(ReportFormat.table(r)).contains("ndcg@2").contains("fixed");
  }

  @Test
  void figuresDoNotDependOnThreadCount() {
    Evaluator e = new Evaluator((n, cfg) -> new FixedScores(SCORES));
    AlgorithmResult one = e.evaluate(split(), List.of("fixed"), Config.defaults().with(Map.of("eval.threads", "1")),
        List.of(), "hand", "given", null).result("fixed");
    AlgorithmResult two = e.evaluate(split(), List.of("fixed"), Config.defaults().with(Map.of("eval.threads", "2")),
        List.of(), "hand", "given", null).result("fixed");
    assertThat(two.metrics()).isEqualTo(one.metrics());
  }

  @Test
  void sampledRankingUsesOnlyCandidatesAndRatingPredictorsGetErrors() {
    Split s = split();
    // u0 candidates {b, c, e}: b=5 first; u1 candidates {a, e}
    Split sampled = new Split("s", s.train(), s.test().withCandidates(new int[][] {{4}, {4}, {4}}));
    Config c = Config.defaults().with(Map.of("eval.k", "1", "eval.rating_predictors", "fixed"));
    AlgorithmResult a = new Evaluator((n, cfg) -> new FixedScores(SCORES))
        .evaluate(sampled, List.of("fixed"), c, List.of(), "hand", "ncf", null).result("fixed");
    // u0 top-1 b (hit), u1 top-1 a (2 > 1, hit)
    assertThat(a.metric("hit_rate")).isEqualTo(1.0);
    // rating errors over the 3 relevant pairs of evaluated users, grade 1: b 5-1, c 1-1, a 2-1
    assertThat(a.metric("rmse")).isCloseTo(Math.sqrt((16 + 0 + 1) / 3.0), within(EPS));
    assertThat(a.metric("mae")).isCloseTo(5 / 3.0, within(EPS));
  }

  @Test
  void reportRoundTripsThroughJsonAndAveragesFolds() throws Exception {
    Evaluator e = new Evaluator((n, cfg) -> new FixedScores(SCORES));
    EvaluationReport r = e.evaluate(split(), List.of("fixed"), Config.defaults(), List.of(), "hand", "given", null);
    Path f = dir.resolve("r.json");
    ReportFormat.writeJson(r, f);
    EvaluationReport back = ReportFormat.readJson(f);
    assertThat(back.result("fixed").metrics()).isEqualTo(r.result("fixed").metrics());
    assertThat(back.config()).containsEntry("eval.k", "10");
    EvaluationReport mean = EvaluationReport.mean(List.of(r, r), "two");
    assertThat(mean.result("fixed").metric("ndcg")).isCloseTo(r.result("fixed").metric("ndcg"), within(1e-12));
    assertThat(mean.result("fixed").stddev().get("ndcg")).isCloseTo(0.0, within(1e-12));
    assertThat(mean.result("fixed").splits()).isEqualTo(2);
  }
}
