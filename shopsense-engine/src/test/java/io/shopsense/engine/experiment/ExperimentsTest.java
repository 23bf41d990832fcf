package io.shopsense.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.ExperimentReport;
import io.shopsense.engine.api.ExperimentReport.VariantReport;
import io.shopsense.engine.api.NotFoundException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsTest {
  @TempDir Path dir;
  private static final ToDoubleFunction<String> PRICE = id -> 10.0;

  private Experiments open() {
    return new Experiments(dir.resolve("experiments.json"), Config.defaults());
  }

  private static Experiment ab(String id, String scenario, double wa, double wb) {
    return new Experiment(id, scenario, List.of(new Experiment.Variant("A", wa, Map.of()),
        new Experiment.Variant("B", wb, Map.of())), true, 0);
  }

  private static Event ev(String user, EventType type, String item, String requestId, Double value) {
    return new Event(null, user, type, item, 1000, null, null, value, null, null, null, requestId);
  }

  @Test
  void assignmentIsStickyAndFollowsTheWeights() {
    try (Experiments x = open()) {
      x.put(ab("exp1", "for-you", 1, 3));
      Map<String, Integer> counts = new HashMap<>();
      for (int u = 0; u < 20_000; u++) {
        Assignment a = x.assign("for-you", "u" + u);
        assertThat(x.assign("for-you", "u" + u)).isEqualTo(a);
        counts.merge(a.variant(), 1, Integer::sum);
      }
      // 1:3 weights; binomial sd of the share at n=20000 is ~0.003
      assertThat(counts.get("A") / 20_000.0).isCloseTo(0.25, within(0.02));
      assertThat(x.assign("similar", "u1")).isEqualTo(Assignment.DEFAULT);
      assertThat(x.assign("for-you", null)).isEqualTo(Assignment.DEFAULT);
    }
  }

  @Test
  void attributesByRequestIdOncePerListWithRevenue() {
    try (Experiments x = open()) {
      x.put(ab("exp1", null, 1, 1));
      Assignment a = x.assign("search", "alice");
      x.served("r1", a, "alice", List.of("i1", "i2"), 1000);
      x.served("r2", a, "alice", List.of("i3"), 1000);
      assertThat(x.observe(ev("alice", EventType.CLICK, "i1", "r1", null), PRICE)).isTrue();
      assertThat(x.observe(ev("alice", EventType.CLICK, "i2", "r1", null), PRICE)).isTrue();
      assertThat(x.observe(ev("alice", EventType.PURCHASE, "i2", "r1", 2.0), PRICE)).isTrue();
      assertThat(x.observe(ev("bob", EventType.CLICK, "i3", "r2", null), PRICE)).as("another shopper").isFalse();
      assertThat(x.observe(ev("alice", EventType.CLICK, "i9", "r2", null), PRICE)).as("item not listed").isFalse();
      assertThat(x.observe(ev("alice", EventType.CLICK, "i3", "nope", null), PRICE)).as("unknown request").isFalse();
      VariantReport v = variant(x.report("exp1"), a.variant());
      assertThat(v.impressions()).isEqualTo(2);
      assertThat(v.clicks()).isEqualTo(1);
      assertThat(v.conversions()).isEqualTo(1);
      assertThat(v.revenue()).isEqualTo(20.0);
      assertThat(v.ctr().value()).isEqualTo(0.5);
      assertThat(v.revenuePerImpression().value()).isEqualTo(10.0);
    }
  }

  @Test
  void withoutRequestIdTheNewestListWithTheItemInTheWindowCounts() {
    try (Experiments x = open()) {
      x.put(ab("exp1", "for-you", 1, 1));
      Assignment a = x.assign("for-you", "carol");
      x.served("r1", a, "carol", List.of("i1"), 1000);
      Event late = new Event(null, "carol", EventType.CLICK, "i1", 1000 + 61 * 60_000L, null, null, null, null, null, null);
      assertThat(x.observe(late, PRICE)).as("outside the 60-minute window").isFalse();
      Event soon = new Event(null, "carol", EventType.CLICK, "i1", 1000 + 5 * 60_000L, null, null, null, null, null, null);
      assertThat(x.observe(soon, PRICE)).isTrue();
      assertThat(variant(x.report("exp1"), a.variant()).clicks()).isEqualTo(1);
    }
  }

  @Test
  void definitionsAndTalliesSurviveARestartAndErasureForgetsLists() {
    String variant;
    try (Experiments x = open()) {
      x.put(ab("exp1", "similar", 1, 1));
      Assignment a = x.assign("similar", "dave");
      variant = a.variant();
      x.served("r1", a, "dave", List.of("i1"), 1000);
      x.observe(ev("dave", EventType.PURCHASE, "i1", "r1", null), PRICE);
      assertThat(x.holds("dave")).isTrue();
      assertThat(x.forget(List.of("dave"))).isTrue();
      assertThat(x.holds("dave")).isFalse();
      assertThat(x.observe(ev("dave", EventType.CLICK, "i1", "r1", null), PRICE)).isFalse();
    }
    try (Experiments y = open()) {
      assertThat(y.list()).extracting(Experiment::id).containsExactly("exp1");
      assertThat(y.assign("similar", "dave").variant()).isEqualTo(variant);
      VariantReport v = variant(y.report("exp1"), variant);
      assertThat(v.impressions()).isEqualTo(1);
      assertThat(v.conversions()).isEqualTo(1);
      assertThat(v.revenue()).isEqualTo(10.0);
    }
  }

  @Test
  void invalidDefinitionsNameTheField() {
    try (Experiments x = open()) {
      assertThatThrownBy(() -> x.put(ab("bad id!", null, 1, 1)))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("id"));
      assertThatThrownBy(() -> x.put(ab("e", "checkout", 1, 1)))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("scenario"));
      assertThatThrownBy(() -> x.put(ab("e", null, 1, 0)))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("variants[1].weight"));
      assertThatThrownBy(() -> x.put(new Experiment("e", null, List.of(new Experiment.Variant("A", 1, Map.of("no.such.key", "1"))), true, 0)))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("variants[0].config"));
      assertThatThrownBy(() -> x.put(new Experiment("e", null, List.of(), true, 0)))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("variants"));
      x.put(ab("one", "search", 1, 1));
      assertThatThrownBy(() -> x.put(ab("two", null, 1, 1)))
          .as("an all-scenario experiment clashes with an active one")
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("scenario"));
      assertThatThrownBy(() -> x.report("missing")).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void intervals() {
    // Wilson 95% for 5/20, worked by hand: centre 0.2903, half width 0.1784
    ExperimentReport.Rate w = Intervals.wilson(5, 20);
    assertThat(w.value()).isEqualTo(0.25);
    assertThat(w.low()).isCloseTo(0.1119, within(1e-3));
    assertThat(w.high()).isCloseTo(0.4687, within(1e-3));
    assertThat(Intervals.wilson(0, 0).high()).isZero();
    // mean of {0, 10, 20}: 10, sd 10, half width 1.96 * 10 / sqrt(3) = 11.32, low clamped at 0
    ExperimentReport.Rate m = Intervals.mean(30, 500, 3);
    assertThat(m.value()).isEqualTo(10);
    assertThat(m.high()).isCloseTo(21.316, within(1e-2));
    assertThat(m.low()).isZero();
  }

  private static VariantReport variant(ExperimentReport r, String name) {
    return r.variants().stream().filter(v -> v.variant().equals(name)).findFirst().orElseThrow();
  }
}
