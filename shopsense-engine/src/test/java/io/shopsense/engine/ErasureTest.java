package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.engine.api.ConflictException;
import io.shopsense.engine.api.EraseReport;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.Scenario;
import io.shopsense.recommend.mf.FactorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After erase, the shopper is nowhere: store, live state, caches, snapshots in memory and on disk. */
class ErasureTest {
  @TempDir Path dir;

  @Test
  void erasesTheShopperEverywhere() throws IOException {
    Path data = dir.resolve("data");
    String user;
    String alias;
    try (ShopSense s = TestStores.open(data, Map.of())) {
      s.train();
      user = Fixtures.users(s).stream().filter(u -> s.snapshot().userRow(u) >= 0).skip(5).findFirst().orElseThrow();
      alias = "web-cookie-" + user;
      s.link(user, alias, Channel.WEB);
      String item = s.internals().catalog().newestFirst().get(0).id();
      long t = s.internals().clock().now() + 1000;
      s.ingest(List.of(Event.of(alias, EventType.VIEW, item, t), Event.of(user, EventType.CLICK, item, t + 1)));
      s.putExperiment(new Experiment("exp", null, List.of(new Experiment.Variant("a", 1, Map.of()),
          new Experiment.Variant("b", 1, Map.of("foryou.weight.session", "3"))), true, 0));
      Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 10, false);
      s.train(); // a second snapshot holding the shopper
      s.flush();
      int row = s.snapshot().userRow(user);
      FactorModel als = s.snapshot().als();
      assertThat(row).isNotNegative();
      assertThat(nonZero(als, row)).isTrue();
      assertThat(s.internals().store().profile(user)).isPresent();
      assertThat(s.internals().live().has(user)).isTrue();
      assertThat(s.internals().experiments().holds(user)).isTrue();
      assertThat(snapshotFilesMention(data, user)).isTrue();

      EraseReport r = s.erase(alias); // by alias: the shopper behind it goes
      assertThat(r.user()).isEqualTo(user);
      assertThat(r.aliases()).contains(alias);
      assertThat(r.eventsRemoved()).isPositive();
      assertThat(r.snapshotsPatched()).isEqualTo(2);

      var store = s.internals().store();
      assertThat(store.recentEvents(user, 10_000)).isEmpty();
      assertThat(store.recentEvents(alias, 10_000)).isEmpty();
      List<Event> left = new ArrayList<>();
      store.forEachEvent(e -> {
        if (e.user().equals(user) || e.user().equals(alias)) left.add(e);
      });
      assertThat(left).isEmpty();
      assertThat(store.profile(user)).isEmpty();
      assertThat(store.links(user)).isEmpty();
      assertThat(store.resolve(alias)).isEqualTo(alias);
      assertThat(s.internals().live().has(user)).isFalse();
      assertThat(s.internals().live().has(alias)).isFalse();
      assertThat(s.internals().identity().caches(user)).isFalse();
      assertThat(s.internals().identity().caches(alias)).isFalse();
      assertThat(s.internals().experiments().holds(user)).isFalse();
      InteractionMatrix m = s.snapshot().matrix();
      assertThat(s.snapshot().userRow(user)).isEqualTo(-1);
      assertThat(m.rowIds().get(user)).isEqualTo(-1);
      assertThat(m.rowIds().ids()).doesNotContain(user);
      for (int p = m.rowStart(row); p < m.rowEnd(row); p++) assertThat(m.values()[p]).isZero();
      assertThat(nonZero(s.snapshot().als(), row)).isFalse();
      assertThat(snapshotFilesMention(data, user)).isFalse();
      assertThat(Files.readString(data.resolve("erased.txt"))).doesNotContain(user);
      assertThat(s.profile(user)).isEmpty();
      assertThat(Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 10, false).results()).hasSize(10);

      // late events are refused, by id and by alias
      assertThatThrownBy(() -> s.ingest(List.of(Event.of(user, EventType.VIEW, item, t + 5))))
          .isInstanceOf(ConflictException.class).hasMessageContaining("erased")
          .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("user"));
      assertThatThrownBy(() -> s.ingest(List.of(Event.of(alias, EventType.VIEW, item, t + 5))))
          .isInstanceOf(ConflictException.class);
    }
    // after a restart: the snapshots verify, the shopper is still absent and still refused
    try (ShopSense s = TestStores.reopen(data, Map.of())) {
      assertThat(s.currentSnapshot().version()).isEqualTo(2);
      assertThat(s.snapshots()).allMatch(i -> !i.status().startsWith("refused"));
      assertThat(s.snapshot().search()).as("the rewritten snapshot keeps its search ranker").isNotNull();
      assertThat(s.snapshot().userRow(user)).isEqualTo(-1);
      String item = s.internals().catalog().newestFirst().get(0).id();
      long t = s.internals().clock().now();
      assertThatThrownBy(() -> s.ingest(List.of(Event.of(user, EventType.VIEW, item, t)))).isInstanceOf(ConflictException.class);
      // re-created explicitly, the shopper starts afresh
      assertThat(s.recreate(user)).isTrue();
      assertThat(s.ingest(List.of(Event.of(user, EventType.VIEW, item, t)))).isEqualTo(1);
      assertThat(s.profile(user).orElseThrow().recentItems()).hasSize(1);
    }
  }

  private static boolean nonZero(FactorModel m, int row) {
    float[] u = m.userFactors();
    for (int k = row * m.factors(); k < (row + 1) * m.factors(); k++) if (u[k] != 0) return true;
    return false;
  }

  /** True when any snapshot file holds the id as a stored string (length-prefixed modified UTF-8 or JSON text). */
  private static boolean snapshotFilesMention(Path data, String id) throws IOException {
    byte[] utf = id.getBytes(StandardCharsets.UTF_8);
    byte[] prefixed = new byte[utf.length + 2];
    prefixed[0] = (byte) (utf.length >> 8);
    prefixed[1] = (byte) utf.length;
    System.arraycopy(utf, 0, prefixed, 2, utf.length);
    byte[] quoted = ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(data.resolve("models"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] b = Files.readAllBytes(f);
        if (indexOf(b, prefixed) >= 0 || indexOf(b, quoted) >= 0) return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
