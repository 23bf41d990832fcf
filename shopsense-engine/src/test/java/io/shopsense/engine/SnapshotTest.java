package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.engine.api.TrainReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing, swapping, verifying and gating model snapshots. The search ranker is off here (it
 * costs seconds per training, and these tests train nine times); {@link SearchRankerTest} covers
 * its files, reopen and swap.
 */
class SnapshotTest {
  @TempDir Path dir;

  static Map<String, String> with(Map<String, String> overrides) {
    Map<String, String> m = new java.util.HashMap<>(TestStores.NO_SEARCH_RANKER);
    m.putAll(overrides);
    return m;
  }

  @Test
  void swapsUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
    try (ShopSense s = TestStores.open(dir.resolve("data"), with(Map.of("engine.keep_snapshots", "2")))) {
      assertThat(s.train().published()).isTrue();
      List<String> users = Fixtures.users(s);
      String item = s.internals().catalog().newestFirst().get(0).id();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger served = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> regressions = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          long last = 0;
          int k = 0;
          while (!stop.get()) {
            try {
              long v = s.currentSnapshot().version();
              if (v < last) regressions.add(v);
              last = v;
              String u = users.get((id * 97 + k++) % users.size());
              Scenario sc = Scenario.values()[k % Scenario.values().length];
              var r = s.recommend(new RecommendRequest(sc, u, item, List.of(), 10, null, true, null));
              if (r.results().isEmpty() && sc != Scenario.PROMOTIONS) throw new AssertionError(sc + " empty for " + u);
              if (k % 5 == 0) s.search(new SearchRequestParams("shoes", u, 10, 0, null, null, null, null, null, null, true, false, null, null));
              served.incrementAndGet();
            } catch (Throwable e) {
              errors.add(e);
            }
          }
        });
        th.start();
        threads.add(th);
      }
      TrainReport second = s.train();
      TrainReport third = s.train();
      int afterTraining = served.get();
      Thread.sleep(200);
      stop.set(true);
      for (Thread th : threads) th.join();
      assertThat(errors).isEmpty();
      assertThat(regressions).isEmpty();
      assertThat(second.published()).isTrue();
      assertThat(third.published()).isTrue();
      assertThat(second.snapshot().version()).isEqualTo(2);
      assertThat(third.snapshot().version()).isEqualTo(3);
      assertThat(s.currentSnapshot().version()).isEqualTo(3);
      assertThat(afterTraining).as("requests served while training").isGreaterThan(20);
      // keep_snapshots = 2: version 1 is gone
      assertThat(s.snapshots()).extracting(SnapshotInfo::version).containsExactly(3L, 2L);
      assertThat(s.snapshots().get(0).status()).isEqualTo("current");
    }
  }

  @Test
  void aCorruptSnapshotIsRefusedAndThePreviousOneServes() throws IOException {
    Path data = dir.resolve("data");
    try (ShopSense s = TestStores.open(data, with(Map.of()))) {
      assertThat(s.train().published()).isTrue();
      assertThat(s.train().published()).isTrue();
    }
    Path model = data.resolve("models/000002/model-als.bin");
    try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    try (ShopSense s = TestStores.reopen(data, with(Map.of()))) {
      assertThat(s.currentSnapshot().version()).isEqualTo(1);
      SnapshotInfo bad = s.snapshots().stream().filter(i -> i.version() == 2).findFirst().orElseThrow();
      assertThat(bad.status()).startsWith("refused").contains("checksum mismatch in model-als.bin");
      assertThat(Fixtures.recommend(s, Scenario.FOR_YOU, Fixtures.users(s).get(0), null, 10, false).results()).hasSize(10);
    }
    // a snapshot with a missing manifest is refused too
    Files.delete(data.resolve("models/000001/manifest.json"));
    try (ShopSense s = TestStores.reopen(data, with(Map.of()))) {
      assertThat(s.currentSnapshot().version()).isZero();
      assertThat(s.snapshots()).allMatch(i -> i.status().startsWith("refused"));
      assertThat(Fixtures.recommend(s, Scenario.FOR_YOU, "anyone", null, 10, false).results()).hasSize(10);
    }
  }

  @Test
  void theGateRefusesAWorseModel() {
    Path data = dir.resolve("data");
    try (ShopSense s = TestStores.open(data, with(Map.of()))) {
      TrainReport good = s.train(List.of("itemknn", "als"), false);
      assertThat(good.published()).isTrue();
      TrainReport worse = s.train(List.of("popular"), false);
      assertThat(worse.published()).isFalse();
      assertThat(worse.reason()).contains("not published").contains("ndcg@10");
      assertThat(s.currentSnapshot().version()).isEqualTo(1);
      assertThat(Files.exists(data.resolve("models/000002"))).isFalse();
      assertThat(s.snapshots()).hasSize(1);
      TrainReport forced = s.train(List.of("popular"), true);
      assertThat(forced.published()).isTrue();
      assertThat(s.currentSnapshot().version()).isEqualTo(2);
    }
  }

  @Test
  void aPublishedSnapshotReopensWithTheSameScores() {
    Path data = dir.resolve("data");
    List<String> before;
    String user;
    try (ShopSense s = TestStores.open(data, with(Map.of()))) {
      s.train();
      user = Fixtures.users(s).get(11);
      before = Fixtures.ids(Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 20, false));
    }
    try (ShopSense s = TestStores.reopen(data, with(Map.of()))) {
      assertThat(s.currentSnapshot().version()).isEqualTo(1);
      assertThat(s.currentSnapshot().metrics()).containsKeys("als", "itemknn");
      assertThat(Fixtures.ids(Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 20, false))).isEqualTo(before);
    }
  }
}
