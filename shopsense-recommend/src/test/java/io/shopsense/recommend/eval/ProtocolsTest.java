package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.matrix.IdIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolsTest {
  /** 10 users x 10 items each (user u rates items u..u+9 at times 0..9), plus one single-pair user. */
  private static InteractionLog log() {
    InteractionLog.Builder b = InteractionLog.builder(new IdIndex(), new IdIndex());
    for (int u = 0; u < 10; u++) for (int j = 0; j < 10; j++) b.add("u" + u, "i" + (u + j), 1, j);
    b.add("lonely", "i0", 1, 100);
    return b.build();
  }

  private static Set<String> pairs(InteractionLog l) {
    Set<String> s = new HashSet<>();
    for (int r = 0; r < l.size(); r++) s.add(l.user(r) + ":" + l.item(r));
    return s;
  }

  private static Set<String> pairs(TestSet t) {
    Set<String> s = new HashSet<>();
    for (int i = 0; i < t.size(); i++) for (int it : t.items(i)) s.add(t.user(i) + ":" + it);
    return s;
  }

  @Test
  void holdoutTakesTheFractionPerUserDisjointAndSeeded() {
    Split s = Protocols.holdout(log(), 0.2, 7);
    assertThat(s.test().size()).isEqualTo(10); // the single-pair user stays in training
    for (int t = 0; t < s.test().size(); t++) assertThat(s.test().items(t)).hasSize(2);
    Set<String> train = pairs(s.train());
    Set<String> test = pairs(s.test());
    assertThat(train).doesNotContainAnyElementsOf(test);
    assertThat(train.size() + test.size()).isEqualTo(101);
    assertThat(pairs(Protocols.holdout(log(), 0.2, 7).test())).isEqualTo(test);
    assertThat(pairs(Protocols.holdout(log(), 0.2, 8).test())).isNotEqualTo(test);
  }

  @Test
  void temporalPerUserHoldsOutTheLatest() {
    Split s = Protocols.temporalPerUser(log(), 0.2);
    for (int t = 0; t < s.test().size(); t++) {
      int u = s.test().user(t);
      // user u's items at times 8 and 9 are i(u+8), i(u+9)
      Set<String> ids = new HashSet<>();
      for (int it : s.test().items(t)) ids.add(s.train().items().id(it));
      assertThat(ids).containsExactlyInAnyOrder("i" + (u + 8), "i" + (u + 9));
    }
  }

  @Test
  void temporalGlobalCutsAtOneTimeAndDropsTestOnlyUsers() {
    Split s = Protocols.temporalGlobal(log(), 0.2);
    // 101 pairs, 20 latest: the lonely pair (time 100), then 19 of the 20 pairs at times 8-9
    // (equal times: later rows first); the lonely user has no training data and is dropped
    assertThat(s.name()).contains("1 test-only users dropped");
    assertThat(s.test().pairs()).isEqualTo(19);
    assertThat(s.train().size()).isEqualTo(81);
    for (int r = 0; r < s.train().size(); r++) assertThat(s.train().time(r)).isLessThanOrEqualTo(8);
  }

  @Test
  void leaveOneOutHoldsOutTheLatestAndBreaksTiesByInputOrder() {
    Split s = Protocols.leaveOneOut(log());
    assertThat(s.test().size()).isEqualTo(10);
    for (int t = 0; t < s.test().size(); t++) {
      assertThat(s.train().items().id(s.test().items(t)[0])).isEqualTo("i" + (s.test().user(t) + 9));
    }
    InteractionLog tie = InteractionLog.builder(new IdIndex(), new IdIndex())
        .add("u", "a", 1, 5).add("u", "b", 1, 5).build();
    Split ts = Protocols.leaveOneOut(tie);
    assertThat(ts.train().items().id(ts.test().items(0)[0])).isEqualTo("b");
  }

  @Test
  void kFoldPutsEveryPairInExactlyOneTestFold() {
    List<Split> folds = Protocols.kFold(log(), 5, 3);
    assertThat(folds).hasSize(5);
    Set<String> union = new HashSet<>();
    int total = 0;
    for (Split f : folds) {
      Set<String> test = pairs(f.test());
      assertThat(pairs(f.train())).doesNotContainAnyElementsOf(test);
      union.addAll(test);
      total += test.size();
      for (int t = 0; t < f.test().size(); t++) assertThat(f.test().items(t)).hasSize(2); // 10 pairs / 5 folds
    }
    assertThat(total).isEqualTo(100);
    assertThat(union).hasSize(100);
    assertThatThrownBy(() -> Protocols.kFold(log(), 1, 3)).hasMessageContaining("folds must be at least 2");
  }

  @Test
  void sampledNegativesAvoidTheUsersItemsAndRepeat() {
    InteractionLog.Builder b = InteractionLog.builder(new IdIndex(), new IdIndex());
    for (int i = 0; i < 50; i++) b.add("other", "i" + i, 1, 0);
    for (int i = 50; i < 200; i++) b.add("f" + i, "i" + i, 1, 0); // single-pair users: never tested
    for (int u = 0; u < 5; u++) for (int j = 0; j < 5; j++) b.add("u" + u, "i" + (u * 10 + j), 1, j);
    Split loo = Protocols.leaveOneOut(b.build());
    Split s = Protocols.withSampledNegatives(loo, 99, 11);
    assertThat(s.test().sampled()).isTrue();
    for (int t = 0; t < s.test().size(); t++) {
      int[] c = s.test().candidates(t);
      assertThat(c).hasSize(100).doesNotHaveDuplicates().contains(s.test().items(t));
      int u = s.test().user(t);
      for (int r = 0; r < s.train().size(); r++) {
        if (s.train().user(r) == u) assertThat(c).doesNotContain(s.train().item(r));
      }
    }
    assertThat(Protocols.withSampledNegatives(loo, 99, 11).test().candidates(0)).containsExactly(s.test().candidates(0));
  }

  @Test
  void rejectsBadFractions() {
    assertThatThrownBy(() -> Protocols.holdout(log(), 1.5, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 1)");
  }
}
