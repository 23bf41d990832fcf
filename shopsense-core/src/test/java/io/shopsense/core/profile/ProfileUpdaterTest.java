package io.shopsense.core.profile;

import static io.shopsense.core.model.EventType.ADD_TO_CART;
import static io.shopsense.core.model.EventType.CLICK;
import static io.shopsense.core.model.EventType.PURCHASE;
import static io.shopsense.core.model.EventType.REMOVE_FROM_CART;
import static io.shopsense.core.model.EventType.VIEW;
import static io.shopsense.core.profile.ProfileFixtures.DAY;
import static io.shopsense.core.profile.ProfileFixtures.ITEMS;
import static io.shopsense.core.profile.ProfileFixtures.MIN;
import static io.shopsense.core.profile.ProfileFixtures.ev;
import static io.shopsense.core.profile.ProfileFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileUpdaterTest {
  private static ProfileUpdater updater(Map<String, String> overrides) {
    return ProfileUpdater.from(Config.defaults().with(overrides), PriceBands.fit(ITEMS));
  }

  private static UserProfile run(ProfileUpdater up, List<Event> events) {
    ProfileState s = up.newState(events.get(0).user());
    for (Event e : events) up.apply(s, e, ProfileFixtures::item);
    return s.snapshot();
  }

  @Test
  void affinitiesAddTypeWeightsAndIterateStrongestFirst() {
    ProfileUpdater up = updater(Map.of("profile.half_life_days", "0"));
    UserProfile p = run(up, List.of(ev("u", VIEW, "a", 1), ev("u", VIEW, "a", 2), ev("u", VIEW, "a", 3),
        ev("u", CLICK, "b", 4), ev("u", PURCHASE, "c", 5), ev("u", REMOVE_FROM_CART, "d", 6),
        ev("u", VIEW, "nope", 7))); // unknown item: no affinity, still a recent item
    assertThat(p.categories()).containsExactly(Map.entry("Books>Fiction", 8.0), Map.entry("Shoes>Running", 3.0),
        Map.entry("Shoes>Casual", 2.0));
    assertThat(p.topCategories()).containsExactly(Map.entry("Books", 8.0), Map.entry("Shoes", 5.0));
    assertThat(p.brands().keySet()).containsExactly("Penguin", "Nike", "Adidas");
    assertThat(p.shops()).containsExactly(Map.entry("s2", 8.0), Map.entry("s1", 5.0));
    // 4 items -> global terciles: 10 budget, 50 and 100 mid, 300 premium
    assertThat(p.priceBands()).containsExactly(Map.entry("budget", 8.0), Map.entry("mid", 5.0));
    assertThat(UserProfile.top(p.categories(), 1)).containsExactly("Books>Fiction");
    assertThat(p.eventCounts()).containsExactly(Map.entry("view", 4L), Map.entry("click", 1L),
        Map.entry("remove_from_cart", 1L), Map.entry("purchase", 1L));
    assertThat(p.firstSeen()).isEqualTo(1);
    assertThat(p.lastSeen()).isEqualTo(7);
  }

  @Test
  void affinitiesDecayWithTheHalfLife() {
    ProfileUpdater up = updater(Map.of("profile.half_life_days", "30"));
    UserProfile p = run(up, List.of(ev("u", PURCHASE, "c", 0), ev("u", VIEW, "a", 30 * DAY),
        ev("u", VIEW, "a", 60 * DAY)));
    assertThat(p.categories().get("Books>Fiction")).isCloseTo(2.0, within(1e-9)); // 8 * 0.25
    assertThat(p.categories().get("Shoes>Running")).isCloseTo(1.5, within(1e-9)); // 0.5 + 1
    assertThat(p.categories().keySet()).containsExactly("Books>Fiction", "Shoes>Running");
  }

  @Test
  void recentItemsAreDistinctNewestFirstAndCapped() {
    ProfileUpdater up = updater(Map.of("profile.recent_items", "3"));
    UserProfile p = run(up, List.of(ev("u", VIEW, "a", 1), ev("u", VIEW, "b", 2), ev("u", VIEW, "c", 3),
        ev("u", VIEW, "d", 4), ev("u", CLICK, "b", 5), ev("u", REMOVE_FROM_CART, "a", 6)));
    assertThat(p.recentItems()).containsExactly("b", "d", "c");
    assertThat(p.session().items()).containsExactly("c", "d", "b"); // last 3 of a b c d b
  }

  @Test
  void sessionsSplitByGapAndById() {
    ProfileUpdater up = updater(Map.of("profile.session_gap_minutes", "30"));
    ProfileState s = up.newState("u");
    up.apply(s, ev("u", VIEW, "a", 0), ProfileFixtures::item);
    up.apply(s, ev("u", VIEW, "b", 29 * MIN), ProfileFixtures::item);
    up.apply(s, ev("u", VIEW, "b", 58 * MIN), ProfileFixtures::item); // 29 min gap: same session
    UserProfile p1 = s.snapshot();
    assertThat(p1.session().id()).isEqualTo("u#0");
    assertThat(p1.session().items()).containsExactly("a", "b");
    assertThat(p1.session().start()).isZero();
    assertThat(p1.session().last()).isEqualTo(58 * MIN);

    up.apply(s, ev("u", VIEW, "c", 89 * MIN), ProfileFixtures::item); // 31 min gap: new session
    UserProfile p2 = s.snapshot();
    assertThat(p2.session().id()).isEqualTo("u#" + 89 * MIN);
    assertThat(p2.session().items()).containsExactly("c");

    up.apply(s, ev("u", VIEW, "a", 90 * MIN, "s1", Channel.APP), ProfileFixtures::item); // id changes
    up.apply(s, ev("u", VIEW, "b", 91 * MIN, null, null), ProfileFixtures::item); // no id: continues
    up.apply(s, ev("u", CLICK, "c", 92 * MIN, "s1", Channel.APP), ProfileFixtures::item);
    UserProfile p3 = s.snapshot();
    assertThat(p3.session()).isEqualTo(new UserProfile.Session("s1", List.of("a", "b", "c"), 90 * MIN, 92 * MIN));
    up.apply(s, ev("u", VIEW, "d", 93 * MIN, "s2", Channel.WEB), ProfileFixtures::item);
    UserProfile p4 = s.snapshot();
    assertThat(p4.session().id()).isEqualTo("s2");
    assertThat(p4.session().items()).containsExactly("d");
    assertThat(p4.channels()).containsExactly(Map.entry("app", 2L), Map.entry("web", 1L));
  }

  @Test
  void purchasesQueriesAndChannelsAreRecorded() {
    ProfileUpdater up = updater(Map.of("profile.recent_queries", "2"));
    UserProfile p = run(up, List.of(ev("u", PURCHASE, "a", 10), ev("u", ADD_TO_CART, "b", 15),
        ev("u", PURCHASE, "a", 20), ev("u", PURCHASE, "c", 30), search("u", " running shoes ", 31),
        search("u", "novel", 32), search("u", "running shoes", 33), search("u", "   ", 34), search("u", "跑步鞋", 35)));
    assertThat(p.purchases()).containsExactly(Map.entry("c", new UserProfile.Purchase(1, 30)),
        Map.entry("a", new UserProfile.Purchase(2, 20)));
    assertThat(p.hasPurchased("a")).isTrue();
    assertThat(p.hasPurchased("b")).isFalse();
    assertThat(p.recentQueries()).containsExactly("跑步鞋", "running shoes");
    assertThat(p.channels()).containsExactly(Map.entry("web", 5L));
    assertThat(p.eventCounts()).containsEntry("search", 5L).containsEntry("purchase", 3L);
  }

  @Test
  void immutableApplyContinuesASavedProfile() {
    ProfileUpdater up = updater(Map.of("profile.half_life_days", "0"));
    UserProfile p = UserProfile.empty("u");
    assertThat(up.state(p).hasEvents()).isFalse();
    p = up.apply(p, ev("u", VIEW, "a", 5), ProfileFixtures::item);
    p = up.apply(p, ev("u", PURCHASE, "a", 6), ProfileFixtures::item);
    assertThat(p.categories()).containsExactly(Map.entry("Shoes>Running", 9.0));
    assertThat(p.firstSeen()).isEqualTo(5);
    UserProfile q = p;
    assertThatThrownBy(() -> up.apply(q, ev("other", VIEW, "a", 7), ProfileFixtures::item))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
  }
}
