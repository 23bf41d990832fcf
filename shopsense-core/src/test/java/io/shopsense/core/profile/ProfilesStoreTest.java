package io.shopsense.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding profiles and the matrix from a real SQLite store gives what the plain lists give. */
class ProfilesStoreTest {
  @TempDir Path dir;

  @Test
  void rebuildFromStoreSavesTheSameProfilesAsTheListsGiveAndPassesDoNotMatter() {
    long seed = 42;
    Random rnd = new Random(seed);
    List<Item> catalog = ProfileFixtures.randomCatalog(rnd, 60);
    List<Event> events = new ArrayList<>();
    int k = 0;
    for (Event e : ProfileFixtures.randomEvents(rnd, 25, 2000, catalog)) {
      // give every event an id (the store keeps append order either way)
      events.add(new Event("e" + k++, e.user(), e.type(), e.item(), e.time(), e.session(), e.channel(), e.value(),
          e.query(), e.items(), e.text()));
    }
    Config config = Config.defaults().with(Map.of("profile.half_life_days", "3"));
    Map<String, UserProfile> expected = Profiles.rebuild(events, catalog, config);
    try (Store store = Stores.forDataDir(dir)) {
      store.upsertItems(catalog);
      store.append(events);
      long saved = Profiles.rebuild(store, config);
      assertThat(saved).isEqualTo(expected.size());
      for (var e : expected.entrySet()) {
        UserProfile got = ProfileJson.read(store.profile(e.getKey()).orElseThrow());
        ProfilesTest.assertSameUpToRounding(got, e.getValue());
      }
      Map<String, UserProfile> threePasses = new HashMap<>();
      Profiles.rebuildAll(store, store, config.with(Map.of("profile.rebuild_passes", "3")),
          p -> assertThat(threePasses.put(p.user(), p)).as("each user once").isNull());
      assertThat(threePasses.keySet()).isEqualTo(expected.keySet());
      threePasses.forEach((u, p) -> ProfilesTest.assertSameUpToRounding(p, expected.get(u)));

      InteractionMatrix fromStore = MatrixBuilder.fromStore(store, config);
      InteractionMatrix fromList = MatrixBuilder.fromEvents(events, MatrixOptions.from(config));
      assertThat(fromStore.rowIds().ids()).isEqualTo(fromList.rowIds().ids());
      assertThat(fromStore.colIds().ids()).isEqualTo(fromList.colIds().ids());
      assertThat(fromStore.rowPointers()).isEqualTo(fromList.rowPointers());
      assertThat(fromStore.colIndex()).isEqualTo(fromList.colIndex());
      assertThat(fromStore.values()).isEqualTo(fromList.values());
      assertThat(fromStore.nnz()).isPositive();
    }
  }
}
