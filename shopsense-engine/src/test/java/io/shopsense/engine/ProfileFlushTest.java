package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.profile.ProfileJson;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.live.LiveState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile write-behind saves every changed profile, in several transactions when many changed, and each once. */
class ProfileFlushTest {
  @TempDir Path dir;

  @Test
  void moreDirtyProfilesThanOneChunkAreAllSavedOnce() {
    try (ShopSense s = TestStores.open(dir.resolve("data"), TestStores.NO_SEARCH_RANKER)) {
      Engine e = s.internals();
      LiveState live = e.live();
      live.flush(); // whatever opening left dirty
      List<String> items = e.catalog().newestFirst().stream().limit(20).map(i -> i.id()).toList();
      long t = e.clock().now();
      int shoppers = 2 * LiveState.FLUSH_CHUNK + 200; // more than two chunks, the last one partial
      List<String> users = new ArrayList<>();
      List<Event> batch = new ArrayList<>();
      for (int u = 0; u < shoppers; u++) {
        String user = "flush-" + u;
        users.add(user);
        batch.add(Event.of(user, EventType.VIEW, items.get(u % items.size()), t + u));
        if (batch.size() == 400) {
          s.ingest(batch);
          batch = new ArrayList<>();
        }
      }
      s.ingest(batch);
      // a known shopper changed too: their saved document is replaced
      String known = Fixtures.users(s).get(0);
      s.ingest(List.of(Event.of(known, EventType.CLICK, items.get(0), t + shoppers)));

      assertThat(live.flush()).isEqualTo(shoppers + 1);
      for (String user : users.subList(0, 3)) assertThat(saved(e, user)).isEqualTo(Fixtures.profile(s, user));
      for (String user : users.subList(shoppers - 3, shoppers)) assertThat(saved(e, user)).isEqualTo(Fixtures.profile(s, user));
      for (String user : users) assertThat(e.store().profile(user)).as(user).isPresent();
      assertThat(saved(e, known)).isEqualTo(Fixtures.profile(s, known));
      assertThat(saved(e, known).eventCounts()).containsKey("click");
      assertThat(live.flush()).isZero(); // nothing changed since

      s.ingest(List.of(Event.of(users.get(7), EventType.PURCHASE, items.get(1), t + shoppers + 1)));
      assertThat(live.flush()).isEqualTo(1);
      assertThat(saved(e, users.get(7)).purchases()).containsKey(items.get(1));
    }
  }

  private static UserProfile saved(Engine e, String user) {
    return ProfileJson.read(e.store().profile(user).orElseThrow(() -> new AssertionError("no saved profile of " + user)));
  }
}
