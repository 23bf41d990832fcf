package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.engine.api.TrainProgress;
import io.shopsense.engine.api.TrainReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training progress an engine reports: stages in order, a fraction that only grows, and the outcome. */
class TrainProgressTest {
  @TempDir Path dir;

  @Test
  void stagesInOrderAFractionThatOnlyGrowsAndTheOutcome() {
    Map<String, String> cfg = new java.util.HashMap<>(TestStores.NO_SEARCH_RANKER);
    cfg.put("bpr.epochs", "0"); // invalid: the second run fails in its bpr stage
    try (ShopSense s = TestStores.open(dir.resolve("data"), cfg)) {
      assertThat(s.trainProgress()).isEqualTo(TrainProgress.NONE);
      List<TrainProgress> seen = Collections.synchronizedList(new ArrayList<>());
      s.onTrainProgress(seen::add);

      TrainReport r = s.train(List.of("popular", "itemknn", "als"), false);
      List<TrainProgress> first = List.copyOf(seen);
      assertThat(stageOrder(first)).containsExactly("reading events", "building matrix", "item statistics", "popular",
          "itemknn", "als", "saving snapshot", TrainProgress.DONE);
      assertGrowing(first);
      assertThat(first.subList(0, first.size() - 1)).allMatch(TrainProgress::running).allMatch(p -> p.stages() == 7);
      assertThat(first.get(0).stageIndex()).isEqualTo(1);
      assertThat(first.get(0).fraction()).isZero();
      // ALS reports each of its 6 iterations (TestStores: als.iterations=6) inside its stage
      assertThat(first.stream().filter(p -> "als".equals(p.stage())).map(TrainProgress::detail).filter(d -> d != null))
          .containsExactly("iteration 1/6", "iteration 2/6", "iteration 3/6", "iteration 4/6", "iteration 5/6", "iteration 6/6");
      TrainProgress done = first.get(first.size() - 1);
      assertThat(done.running()).isFalse();
      assertThat(done.fraction()).isEqualTo(1.0);
      assertThat(done.stageIndex()).isEqualTo(7);
      assertThat(done.lastOutcome()).isEqualTo(r.reason()).startsWith("published");
      assertThat(done.started()).isPositive();
      assertThat(s.trainProgress()).isEqualTo(done);

      // a failing run: the value says where it failed and that nothing runs any more; the next run's
      // weights come from the first run's stage times, bpr (new) weighs their mean
      seen.clear();
      assertThatThrownBy(() -> s.train(List.of("popular", "bpr"), false)).hasMessageContaining("bpr.epochs");
      List<TrainProgress> second = List.copyOf(seen);
      assertThat(stageOrder(second)).containsExactly("reading events", "building matrix", "item statistics", "popular",
          "bpr", TrainProgress.FAILED);
      assertGrowing(second);
      TrainProgress failed = s.trainProgress();
      assertThat(failed.running()).isFalse();
      assertThat(failed.stage()).isEqualTo(TrainProgress.FAILED);
      assertThat(failed.stageIndex()).isEqualTo(5);
      assertThat(failed.fraction()).isBetween(0.0, 1.0);
      assertThat(failed.lastOutcome()).startsWith("failed in bpr: ").contains("bpr.epochs");
    }
  }

  /** Each stage name once, in the order reported. */
  private static List<String> stageOrder(List<TrainProgress> values) {
    List<String> out = new ArrayList<>();
    for (TrainProgress p : values) if (out.isEmpty() || !out.get(out.size() - 1).equals(p.stage())) out.add(p.stage());
    return out;
  }

  private static void assertGrowing(List<TrainProgress> values) {
    for (int i = 1; i < values.size(); i++) {
      TrainProgress a = values.get(i - 1), b = values.get(i);
      assertThat(b.fraction()).as("fraction at %s after %s", b, a).isGreaterThanOrEqualTo(a.fraction());
      assertThat(b.stageIndex()).as("stage index at %s after %s", b, a).isGreaterThanOrEqualTo(a.stageIndex());
      assertThat(b.fraction()).isBetween(0.0, 1.0);
    }
  }
}
