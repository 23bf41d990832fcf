package io.shopsense.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The live path (one event at a time, saved and reloaded as JSON in between) equals a rebuild. */
class ProfilesTest {
  @Test
  void incrementalUpdatesEqualARebuild() {
    long seed = System.nanoTime();
    try {
      check(seed);
    } catch (AssertionError e) {
      throw new AssertionError("failed with seed " + seed + ": " + e.getMessage(), e);
    }
  }

  private void check(long seed) {
    Random rnd = new Random(seed);
    List<Item> catalog = ProfileFixtures.randomCatalog(rnd, 80);
    List<Event> events = ProfileFixtures.randomEvents(rnd, 12, 2000, catalog);
    Config config = Config.defaults().with(Map.of("profile.half_life_days", "7", "profile.recent_items", "10",
        "profile.recent_queries", "5"));
    Map<String, UserProfile> rebuilt = Profiles.rebuild(events, catalog, config);

    Map<String, Item> byId = catalog.stream().collect(Collectors.toMap(Item::id, i -> i));
    Function<String, Item> lookup = byId::get;
    ProfileUpdater up = ProfileUpdater.from(config, PriceBands.fit(catalog));
    Map<String, String> saved = new HashMap<>(); // as UserStore would hold them
    Map<String, ProfileState> live = new HashMap<>();
    for (Event e : events) {
      UserProfile before = saved.containsKey(e.user()) ? ProfileJson.read(saved.get(e.user())) : UserProfile.empty(e.user());
      saved.put(e.user(), ProfileJson.write(up.apply(before, e, lookup)));
      up.apply(live.computeIfAbsent(e.user(), up::newState), e, lookup);
    }
    assertThat(rebuilt.keySet()).containsExactlyInAnyOrderElementsOf(saved.keySet());
    for (String user : rebuilt.keySet()) {
      UserProfile r = rebuilt.get(user);
      assertThat(live.get(user).snapshot()).as("in-memory state of " + user).isEqualTo(r);
      assertSameUpToRounding(ProfileJson.read(saved.get(user)), r);
    }
  }

  /** Exact for everything but the affinity values, which went through rescaling at every save. */
  static void assertSameUpToRounding(UserProfile a, UserProfile b) {
    UserProfile noScores = new UserProfile(b.user(), b.firstSeen(), b.lastSeen(), null, null, null, null, null,
        b.recentItems(), b.session(), b.channels(), b.eventCounts(), b.purchases(), b.recentQueries());
    UserProfile aNoScores = new UserProfile(a.user(), a.firstSeen(), a.lastSeen(), null, null, null, null, null,
        a.recentItems(), a.session(), a.channels(), a.eventCounts(), a.purchases(), a.recentQueries());
    assertThat(aNoScores).isEqualTo(noScores);
    close(a.categories(), b.categories(), a.user());
    close(a.topCategories(), b.topCategories(), a.user());
    close(a.brands(), b.brands(), a.user());
    close(a.shops(), b.shops(), a.user());
    close(a.priceBands(), b.priceBands(), a.user());
  }

  private static void close(Map<String, Double> a, Map<String, Double> b, String user) {
    assertThat(a.keySet()).as(user).isEqualTo(b.keySet());
    b.forEach((k, v) -> assertThat(a.get(k)).as(user + " " + k).isCloseTo(v, within(1e-9 * Math.max(1, v))));
  }
}
