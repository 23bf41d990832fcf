package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.engine.api.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On warm-up the live state of the most recently active shoppers is loaded, the state a first request would load. */
class PreloadTest {
  @TempDir Path dir;

  @Test
  void theMostRecentShoppersAreLiveAfterOpenWithTheStateTheirFirstRequestWouldLoad() throws Exception {
    try (ShopSense s = TestStores.open(dir.resolve("data"), Map.of("engine.preload_users", "30"))) {
      assertThat(s.internals().live().size()).isZero(); // not before a server asks for it
      s.warmUp();
      s.warmUp(); // once
      assertThat(s.internals().awaitPreload(60_000)).isTrue();
      List<String> recent = s.internals().store().recentUsers(40);
      for (String u : recent.subList(0, 30)) assertThat(s.internals().live().has(u)).as(u).isTrue();
      for (String u : recent.subList(30, 40)) assertThat(s.internals().live().has(u)).as(u).isFalse();
      assertThat(s.internals().live().size()).isEqualTo(30);
      // what was preloaded equals what a first touch loads (the ones past the 30 were not preloaded)
      String preloaded = recent.get(3), cold = recent.get(33);
      try (ShopSense plain = TestStores.open(dir.resolve("plain"), Map.of())) {
        assertThat(Fixtures.profile(plain, preloaded)).isEqualTo(Fixtures.profile(s, preloaded));
        assertThat(Fixtures.profile(plain, cold)).isEqualTo(Fixtures.profile(s, cold));
        assertThat(Fixtures.ids(Fixtures.recommend(plain, Scenario.FOR_YOU, preloaded, null, 10, false)))
            .isEqualTo(Fixtures.ids(Fixtures.recommend(s, Scenario.FOR_YOU, preloaded, null, 10, false)));
      }
      // an event of a preloaded shopper is applied once
      long before = Fixtures.profile(s, preloaded).eventCounts().getOrDefault("click", 0L);
      s.ingest(List.of(Event.of(preloaded, EventType.CLICK, s.internals().catalog().newestFirst().get(0).id(),
          s.internals().clock().now() + 1000)));
      assertThat(Fixtures.profile(s, preloaded).eventCounts().get("click")).isEqualTo(before + 1);
    }
  }

  @Test
  void zeroTurnsItOff() throws Exception {
    try (ShopSense s = TestStores.open(dir.resolve("off"), Map.of())) {
      s.warmUp();
      assertThat(s.internals().awaitPreload(1)).isTrue();
      assertThat(s.internals().live().size()).isZero();
    }
  }
}
