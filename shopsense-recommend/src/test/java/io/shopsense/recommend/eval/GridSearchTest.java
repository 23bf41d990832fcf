package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selection on one validation split and on the mean of several, worked out by hand. */
class GridSearchTest {
  private static final IdIndex USERS = IdIndex.of(List.of("u0", "u1"));
  private static final IdIndex ITEMS = IdIndex.of(List.of("a", "b", "c", "d"));
  /** Setting "1" ranks b, c, d for both users; setting "2" ranks c, b, d. */
  private static final float[][] B_FIRST = {{0, 3, 2, 1}, {0, 3, 2, 1}};
  private static final float[][] C_FIRST = {{0, 2, 3, 1}, {0, 2, 3, 1}};
  // any existing key serves as the fixture's switch between the two score tables
  private static final String KEY = "als.factors";

  /** Both users trained on a; each split holds out {@code item} for both. */
  private static Split split(String name, int item) {
    InteractionLog train = InteractionLog.builder(USERS, ITEMS).add(0, 0, 1, 0).add(1, 0, 1, 0).build();
    InteractionLog test = InteractionLog.builder(USERS, ITEMS).add(0, item, 1, 1).add(1, item, 1, 1).build();
    return new Split(name, train, TestSet.of(test));
  }

  @Test
  void theMeanOverSeveralSplitsCanOverruleTheFirstSplit() {
    Evaluator e = new Evaluator((n, cfg) -> new FixedScores(cfg.getInt(KEY) == 1 ? B_FIRST : C_FIRST));
    Config c = Config.defaults().with(Map.of("eval.k", "2", "eval.threads", "1"));
    List<Map<String, String>> combos = GridSearch.combinations(Map.of(KEY, List.of("1", "2")));
    Split holdsB = split("b", 1), holdsC = split("c", 2), holdsCAgain = split("c2", 2);

    GridSearch.Outcome one = GridSearch.search(e, "fixed", List.of(holdsB), c, combos, "ndcg", List.of());
    assertThat(one.best()).containsEntry(KEY, "1");
    assertThat(one.bestValue()).isCloseTo(1.0, within(1e-9));
    assertThat(one.trials().get(0).result().splits()).isEqualTo(1);

    // b-first: (1 + 1/log2 3 + 1/log2 3) / 3 = 0.7540; c-first: (1/log2 3 + 1 + 1) / 3 = 0.8770
    GridSearch.Outcome three = GridSearch.search(e, "fixed", List.of(holdsB, holdsC, holdsCAgain), c, combos, "ndcg",
        List.of());
    double r = 1 / (Math.log(3) / Math.log(2));
    assertThat(three.best()).containsEntry(KEY, "2");
    assertThat(three.bestValue()).isCloseTo((r + 2) / 3, within(1e-9));
    AlgorithmResult bFirst = three.trials().get(0).result();
    assertThat(bFirst.metric("ndcg")).isCloseTo((1 + 2 * r) / 3, within(1e-9));
    assertThat(bFirst.splits()).isEqualTo(3);
    assertThat(bFirst.stddev().get("ndcg")).isCloseTo(Math.sqrt(((1 - r) * (1 - r) * 2 / 3) / 2), within(1e-9));
  }
}
