package io.shopsense.core.matrix;

import static io.shopsense.core.model.EventType.ADD_TO_CART;
import static io.shopsense.core.model.EventType.IMPRESSION;
import static io.shopsense.core.model.EventType.PURCHASE;
import static io.shopsense.core.model.EventType.RATE;
import static io.shopsense.core.model.EventType.REMOVE_FROM_CART;
import static io.shopsense.core.model.EventType.SEARCH;
import static io.shopsense.core.model.EventType.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatrixBuilderTest {
  private static final long DAY = 86_400_000L;
  /** Defaults (view 1, click 2, cart 4, purchase 8, rate 4) without decay. */
  private static final MatrixOptions NO_DECAY = MatrixOptions.defaults().withHalfLifeDays(0);

  private static Event ev(String user, EventType type, String item, long time) {
    return Event.of(user, type, item, time);
  }

  private static Event rate(String user, String item, long time, double value) {
    return new Event(null, user, RATE, item, time, null, null, value, null, null, null);
  }

  private static float w(InteractionMatrix m, String user, String item) {
    int r = m.rowIds().get(user);
    int c = m.colIds().get(item);
    assertThat(r).as("row of " + user).isGreaterThanOrEqualTo(0);
    assertThat(c).as("column of " + item).isGreaterThanOrEqualTo(0);
    return m.get(r, c);
  }

  @Test
  void typeWeightsDedupAndLogScaledPurchases() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) events.add(ev("u1", VIEW, "a", i));
    events.add(ev("u1", PURCHASE, "b", 20));
    events.add(ev("u1", VIEW, "c", 21));
    events.add(ev("u1", ADD_TO_CART, "c", 22));
    events.add(ev("u1", PURCHASE, "c", 23));
    for (int i = 0; i < 3; i++) events.add(ev("u2", PURCHASE, "a", 30 + i));
    events.add(new Event(null, "u2", SEARCH, null, 40, null, null, null, "shoes", null, null));
    events.add(new Event(null, "u2", IMPRESSION, null, 41, null, null, null, null, List.of("z"), null));
    events.add(ev("u2", REMOVE_FROM_CART, "d", 42)); // weight 0: dropped, so item d never appears

    InteractionMatrix m = MatrixBuilder.fromEvents(events, NO_DECAY);

    assertThat(w(m, "u1", "a")).isEqualTo(1f); // ten views count as one
    assertThat(w(m, "u1", "b")).isEqualTo(8f);
    assertThat(w(m, "u1", "c")).isEqualTo(13f); // 1 + 4 + 8
    assertThat(w(m, "u1", "a")).isLessThan(w(m, "u1", "b"));
    assertThat(w(m, "u2", "a")).isCloseTo((float) (8 * (1 + Math.log(3))), within(1e-5f));
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.colIds().ids()).containsExactly("a", "b", "c");
    assertThat(m.nnz()).isEqualTo(4);
  }

  @Test
  void withoutDedupEveryEventAdds() {
    MatrixOptions o = new MatrixOptions(NO_DECAY.weights(), 0, false, false, Set.of(), 1, 1);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) events.add(ev("u1", VIEW, "a", i));
    events.add(ev("u1", PURCHASE, "a", 20));
    events.add(ev("u1", PURCHASE, "a", 21));
    assertThat(w(MatrixBuilder.fromEvents(events, o), "u1", "a")).isEqualTo(26f);
  }

  @Test
  void timeDecayIsRelativeToTheNewestEventAndTheLatestRepeatCounts() {
    MatrixOptions o = MatrixOptions.defaults().withHalfLifeDays(30);
    List<Event> events = List.of(
        ev("u1", VIEW, "a", 0), // 60 days old: 1 * 0.25
        ev("u1", PURCHASE, "b", 30 * DAY), // 30 days old: 8 * 0.5
        ev("u1", VIEW, "c", 0), ev("u1", VIEW, "c", 60 * DAY), // latest view counts: 1
        // a search sets the reference time though it has no item
        new Event(null, "u2", SEARCH, null, 60 * DAY, null, null, null, "q", null, null));
    InteractionMatrix m = MatrixBuilder.fromEvents(events, o);
    assertThat(w(m, "u1", "a")).isCloseTo(0.25f, within(1e-6f));
    assertThat(w(m, "u1", "b")).isCloseTo(4f, within(1e-6f));
    assertThat(w(m, "u1", "c")).isCloseTo(1f, within(1e-6f));

    // an explicit reference time; events after it are not boosted
    MatrixBuilder b = new MatrixBuilder(o).referenceTime(30 * DAY);
    events.forEach(b);
    InteractionMatrix r = b.build();
    assertThat(w(r, "u1", "a")).isCloseTo(0.5f, within(1e-6f));
    assertThat(w(r, "u1", "b")).isCloseTo(8f, within(1e-6f));
    assertThat(w(r, "u1", "c")).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void ratingAsWeightUsesTheLatestRating() {
    Config c = Config.defaults().with(Map.of("matrix.rating_as_weight", "true", "matrix.half_life_days", "0"));
    List<Event> events = List.of(rate("u1", "a", 1, 5), rate("u1", "a", 2, 2), rate("u1", "b", 1, 3),
        ev("u1", RATE, "c", 1)); // no value: falls back to weight.rate
    InteractionMatrix m = MatrixBuilder.fromEvents(events, MatrixOptions.from(c));
    assertThat(w(m, "u1", "a")).isEqualTo(2f);
    assertThat(w(m, "u1", "b")).isEqualTo(3f);
    assertThat(w(m, "u1", "c")).isEqualTo(4f);
    // off: every rating weighs weight.rate
    InteractionMatrix off = MatrixBuilder.fromEvents(events, NO_DECAY);
    assertThat(w(off, "u1", "a")).isEqualTo(4f);
  }

  @Test
  void minimumCountsFilterItemsThenUsers() {
    // items: a {u1,u2,u3}, b {u1,u2}, c {u1}, d {u3}
    List<Event> events = List.of(ev("u1", VIEW, "a", 1), ev("u2", VIEW, "a", 1), ev("u3", VIEW, "a", 1),
        ev("u1", VIEW, "b", 1), ev("u2", VIEW, "b", 1), ev("u1", VIEW, "c", 1), ev("u3", VIEW, "d", 1),
        ev("u3", VIEW, "d", 2)); // repeats do not count twice
    InteractionMatrix m = MatrixBuilder.fromEvents(events, NO_DECAY.withMinCounts(2, 2));
    // c and d go first (one user each); then u3 has only a left and goes too. Users first would keep u3.
    assertThat(m.rowIds().ids()).containsExactly("u1", "u2");
    assertThat(m.colIds().ids()).containsExactly("a", "b");
    assertThat(m.nnz()).isEqualTo(4);
    assertThat(m.rowPointers()).containsExactly(0, 2, 4);
    assertThat(m.colIndex()).containsExactly(0, 1, 0, 1);
  }

  @Test
  void filterKeepsOnlyChosenUsersAndTheirTimes() {
    MatrixBuilder b = new MatrixBuilder(MatrixOptions.defaults().withHalfLifeDays(30))
        .filter(e -> Set.of("u1").contains(e.user()));
    b.accept(ev("u1", VIEW, "a", 0));
    b.accept(ev("u2", VIEW, "b", 300 * DAY)); // filtered out: must not move the reference time
    assertThat(b.size()).isEqualTo(1);
    InteractionMatrix m = b.build();
    assertThat(m.rowIds().ids()).containsExactly("u1");
    assertThat(m.colIds().ids()).containsExactly("a");
    assertThat(w(m, "u1", "a")).isEqualTo(1f);
  }

  @Test
  void emptyInputGivesAnEmptyMatrix() {
    InteractionMatrix m = MatrixBuilder.fromEvents(List.of(), NO_DECAY);
    assertThat(m.rows()).isZero();
    assertThat(m.cols()).isZero();
    assertThat(m.nnz()).isZero();
    assertThat(m.transpose().rows()).isZero();
  }

  @Test
  void optionsComeFromConfigAndBadValuesNameTheKey() {
    MatrixOptions d = MatrixOptions.defaults();
    assertThat(d.weights().weight(VIEW)).isEqualTo(1.0);
    assertThat(d.weights().weight(PURCHASE)).isEqualTo(8.0);
    assertThat(d.logRepeatTypes()).containsExactly(PURCHASE);
    assertThat(d.dedup()).isTrue();
    Config c = Config.defaults();
    assertThatThrownBy(() -> MatrixOptions.from(c.with(Map.of("weight.view", "-1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("weight.view");
    assertThatThrownBy(() -> MatrixOptions.from(c.with(Map.of("matrix.log_repeat_types", "purchase,buy"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("matrix.log_repeat_types").hasMessageContaining("'buy'");
    assertThatThrownBy(() -> MatrixOptions.from(c.with(Map.of("matrix.half_life_days", "-3"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("matrix.half_life_days");
    assertThat(MatrixOptions.from(c.with(Map.of("matrix.log_repeat_types", ""))).logRepeatTypes()).isEmpty();
  }
}
