package io.shopsense.search.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.UserProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session reconstruction (graded labels, attribution) and the no-leakage guarantee of the replay. */
class SearchReplayTest {
  static final long T = TinyShop.T0;
  static final long MIN = TinyShop.MIN;
  final List<Item> items = TinyShop.items();
  final Map<String, Item> catalog = new HashMap<>();

  SearchReplayTest() {
    for (Item it : items) catalog.put(it.id(), it);
  }

  static Event ev(String user, EventType type, String item, long time, String session) {
    return TinyShop.ev(user, type, item, time, session, null, null);
  }

  static Event impression(String user, long time, String session, String query, String... shown) {
    return TinyShop.ev(user, EventType.IMPRESSION, null, time, session, query, List.of(shown));
  }

  @Test
  void labelsAreGradedAndGoToTheLatestSearchThatShowedTheItem() {
    List<Event> events = List.of(
        impression("u", T, "s1", "shoes", "acme0", "acme1", "bolt0"),
        ev("u", EventType.CLICK, "acme1", T + MIN, "s1"),
        impression("u", T + 2 * MIN, "s1", "acme shoes", "acme1", "acme2"),
        ev("u", EventType.CLICK, "acme1", T + 3 * MIN, "s1"),
        ev("u", EventType.ADD_TO_CART, "acme1", T + 4 * MIN, "s1"),
        ev("u", EventType.CLICK, "bolt0", T + 5 * MIN, "s1"), // only the first search showed it
        ev("u", EventType.PURCHASE, "acme1", T + 6 * MIN, "s1"),
        ev("u", EventType.CLICK, "acme2", T + 7 * MIN, "other-session"), // another session: not credited
        ev("u", EventType.PURCHASE, "acme0", T + 600 * MIN, "s1")); // beyond the 120-minute window
    SearchLog log = SearchLog.build(events, 120 * MIN);
    assertThat(log.sessions()).hasSize(2);
    assertThat(log.sessions().get(0).labels()).isEqualTo(Map.of("acme1", 1, "bolt0", 1));
    assertThat(log.sessions().get(1).labels()).isEqualTo(Map.of("acme1", 3));
    assertThat(log.sessions().get(1).label("acme2")).isZero();
    assertThat(log.withPositives()).isEqualTo(2);
  }

  @Test
  void theProfileAndStatisticsAtASearchIgnoreLaterEvents() {
    List<Event> events = new ArrayList<>();
    events.add(ev("u", EventType.VIEW, "acme0", T, "s1"));
    events.add(impression("u", T + MIN, "s1", "running shoes", "acme0", "bolt0"));
    events.add(ev("u", EventType.CLICK, "bolt0", T + 2 * MIN, "s1"));
    // afterwards: the same shopper buys Bolt again and again, another shopper clicks bolt0 after searching
    for (int i = 0; i < 5; i++) events.add(ev("u", EventType.PURCHASE, "bolt" + i, T + (3 + i) * MIN, "s1"));
    events.add(impression("v", T + 10 * MIN, "v1", "running shoes", "bolt0", "acme0"));
    events.add(ev("v", EventType.CLICK, "bolt0", T + 11 * MIN, "v1"));
    SearchLog log = SearchLog.build(events, 120 * MIN);
    ItemStats stats = new ItemStats(20, 10);
    QueryIntent intent = new QueryIntent(id -> catalog.get(id).category(), 5);
    PositionBias bias = new PositionBias(2);
    Map<String, UserProfile> seen = new HashMap<>();
    Map<String, Double> ctrSeen = new HashMap<>();
    new SearchReplay(ProfileUpdater.from(Config.defaults(), PriceBands.fit(items)), catalog::get, stats, intent, bias,
        120 * MIN).run(events, log, Long.MAX_VALUE, s -> true, (s, p) -> {
          seen.put(s.user(), p);
          ctrSeen.put(s.user(), stats.queryCtr("running shoes", "bolt0"));
        });
    UserProfile u = seen.get("u");
    assertThat(u.brands()).containsOnlyKeys("Acme"); // the Bolt clicks and purchases came later
    assertThat(u.purchases()).isEmpty();
    assertThat(u.recentItems()).containsExactly("acme0");
    // at u's search nothing was logged yet: the rates are the empty priors (0)
    assertThat(ctrSeen.get("u")).isZero();
    // at v's search, u's click on bolt0 for this query counts
    assertThat(ctrSeen.get("v")).isPositive();
    assertThat(seen.get("v").brands()).isEmpty();
  }

  @Test
  void statisticsFreezeAtTheCutoffWhileProfilesFollowTheEvents() {
    List<Event> events = List.of(
        impression("u", T, "s1", "shoes", "acme0"),
        ev("u", EventType.CLICK, "acme0", T + MIN, "s1"),
        impression("v", T + 10 * MIN, "v1", "shoes", "acme0"),
        ev("v", EventType.PURCHASE, "acme0", T + 11 * MIN, "v1"),
        ev("v", EventType.VIEW, "bolt1", T + 12 * MIN, "v2"),
        impression("v", T + 13 * MIN, "v2", "shoes", "bolt1"));
    SearchLog log = SearchLog.build(events, 120 * MIN);
    ItemStats stats = new ItemStats(20, 10);
    Map<Integer, UserProfile> at = new HashMap<>();
    new SearchReplay(ProfileUpdater.from(Config.defaults(), PriceBands.fit(items)), catalog::get, stats,
        new QueryIntent(id -> null, 5), new PositionBias(2), 120 * MIN)
        .run(events, log, T + 10 * MIN, s -> true, (s, p) -> at.put(s.ordinal(), p));
    assertThat(stats.conversion("acme0")).isZero(); // v's purchase came after the freeze
    assertThat(stats.ctr("acme0")).isEqualTo(1.0); // u's click came before
    assertThat(at.get(2).brands()).containsKeys("Acme", "Bolt"); // the profile kept following v
  }

  @Test
  void positionBiasWeighsLowClicksMore() {
    PositionBias b = new PositionBias(10);
    ImpressionTracker t = new ImpressionTracker(120 * MIN, b);
    for (int i = 0; i < 200; i++) {
      String s = "s" + i;
      t.accept(impression("u", T + i * 1000L, s, "q", "acme0", "acme1", "acme2", "acme3"));
      if (i % 2 == 0) t.accept(ev("u", EventType.CLICK, "acme0", T + i * 1000L + 1, s)); // 50% at the top
      if (i % 4 == 0) t.accept(ev("u", EventType.CLICK, "acme1", T + i * 1000L + 2, s)); // 25% at position 1
      if (i % 4 == 1) t.accept(ev("u", EventType.CLICK, "acme2", T + i * 1000L + 2, s)); // 25% at position 2
      if (i % 8 == 0) t.accept(ev("u", EventType.CLICK, "acme3", T + i * 1000L + 3, s)); // 12.5% at position 3
    }
    assertThat(b.propensity(0)).isEqualTo(1.0);
    assertThat(b.propensity(1)).isEqualTo(0.5);
    assertThat(b.propensity(3)).isEqualTo(0.25);
    assertThat(b.weight(3)).isEqualTo(4.0);
    assertThat(b.weight(-1)).isEqualTo(1.0);
    assertThat(new PositionBias(2).weight(3)).isEqualTo(1.0); // nothing logged: no correction
  }

  @Test
  void feedingTheStatisticsAloneEndsWhereAFullReplayEnds() {
    List<Event> events = TinyShop.events(6, 3, 11);
    SearchLog log = SearchLog.build(events, 120 * MIN);
    ItemStats replayed = new ItemStats(20, 10);
    new SearchReplay(ProfileUpdater.from(Config.defaults(), PriceBands.fit(items)), catalog::get, replayed,
        new QueryIntent(id -> catalog.get(id).category(), 5), new PositionBias(2), 120 * MIN)
        .run(events, log, Long.MAX_VALUE, s -> false, (s, p) -> { });
    RankerTrainer.Statistics fed = RankerTrainer.statistics(events, catalog, RankSettings.defaults());
    for (Item it : items) {
      assertThat(fed.stats().ctr(it.id())).as(it.id()).isEqualTo(replayed.ctr(it.id()));
      assertThat(fed.stats().conversion(it.id())).as(it.id()).isEqualTo(replayed.conversion(it.id()));
      assertThat(fed.stats().queryCtr("running shoes", it.id())).as(it.id()).isEqualTo(replayed.queryCtr("running shoes", it.id()));
    }
    assertThat(fed.intent().size()).isPositive();
  }

  @Test
  void theHoldOutIsTheLastFractionOfSearchesWithAPositiveLabelCappedInNumber() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long t = T + i * 10 * MIN;
      events.add(impression("u", t, "s" + i, "shoes", "acme0"));
      events.add(ev("u", EventType.CLICK, "acme0", t + MIN, "s" + i));
    }
    SearchLog log = SearchLog.build(events, 120 * MIN);
    assertThat(log.cutoff(0.2)).isEqualTo(T + 80 * MIN); // the last 2 of 10
    assertThat(log.cutoff(0.5, 3)).isEqualTo(T + 70 * MIN); // half would be 5: capped at 3
    assertThat(log.cutoff(0.2, 3)).isEqualTo(log.cutoff(0.2)); // under the cap: unchanged
  }
}
