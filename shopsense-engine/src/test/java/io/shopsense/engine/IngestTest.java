package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.api.BadRequestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path: validation, concurrent (group-committed) ingestion, duplicates, retention. */
class IngestTest {
  @TempDir Path dir;

  @Test
  void concurrentBatchesAreAllDurableAndAppliedOnce() throws Exception {
    try (ShopSense s = TestStores.open(dir.resolve("data"), TestStores.NO_SEARCH_RANKER)) {
      long before = s.internals().store().eventCount();
      List<String> items = s.internals().catalog().newestFirst().stream().limit(50).map(i -> i.id()).toList();
      long t = s.internals().clock().now();
      AtomicInteger fresh = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicLong seq = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int th = 0; th < 8; th++) {
        int id = th;
        Thread x = new Thread(() -> {
          try {
            for (int b = 0; b < 20; b++) {
              List<Event> batch = new ArrayList<>();
              for (int k = 0; k < 25; k++) {
                String user = "ingest-" + id;
                // every fifth event carries an id, and the odd threads resend the even threads' ids
                String eid = k % 5 == 0 ? "e-" + (id & ~1) + "-" + b + "-" + k : null;
                batch.add(new Event(eid, user, EventType.VIEW, items.get((b + k) % items.size()), t + seq.incrementAndGet(),
                    null, null, null, null, null, null));
              }
              fresh.addAndGet(s.ingest(batch));
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        });
        threads.add(x);
        x.start();
      }
      for (Thread x : threads) x.join();
      assertThat(errors).isEmpty();
      int sent = 8 * 20 * 25;
      int duplicates = 4 * 20 * 5; // ids sent twice (by an even and an odd thread), stored once
      assertThat(fresh.get()).isEqualTo(sent - duplicates);
      assertThat(s.internals().store().eventCount()).isEqualTo(before + sent - duplicates);
      long views = 0;
      for (int th = 0; th < 8; th++) views += Fixtures.profile(s, "ingest-" + th).eventCounts().getOrDefault("view", 0L);
      assertThat(views).as("views applied to live profiles, duplicates once").isEqualTo(sent - duplicates);
      assertThat(s.stats().eventsIngested()).isEqualTo(sent - duplicates);
    }
  }

  @Test
  void badEventsAreRefusedWithTheirField() {
    try (ShopSense s = TestStores.open(dir.resolve("data"), TestStores.NO_SEARCH_RANKER)) {
      long t = s.internals().clock().now();
      String item = s.internals().catalog().newestFirst().get(0).id();
      assertField(s, List.of(Event.of("u", EventType.VIEW, null, t)), "item");
      assertField(s, List.of(Event.of(" ", EventType.VIEW, item, t)), "user");
      assertField(s, List.of(Event.of("u", EventType.VIEW, item, 0)), "time");
      assertField(s, List.of(Event.of("u", EventType.VIEW, item, System.currentTimeMillis() + 3 * 86_400_000L)), "time");
      assertField(s, List.of(new Event(null, "u", EventType.PURCHASE, item, t, null, null, Double.NaN, null, null, null)), "value");
      long count = s.internals().store().eventCount();
      // one bad event refuses the whole batch: nothing is stored
      assertField(s, List.of(Event.of("u", EventType.VIEW, item, t), Event.of("u", EventType.CLICK, null, t)), "item");
      assertThat(s.internals().store().eventCount()).isEqualTo(count);
      assertThat(s.ingest(List.of(new Event(null, "u", EventType.SEARCH, null, t, null, null, null, "tent", null, null)))).isEqualTo(1);
    }
  }

  private static void assertField(ShopSense s, List<Event> events, String field) {
    assertThatThrownBy(() -> s.ingest(events)).isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo(field));
  }

  @Test
  void retentionDeletesOldEventsAtOpenAndBeforeTraining() {
    Path data = TestStores.copyInto(dir.resolve("data"));
    long newest;
    long all;
    try (Store st = Stores.forDataDir(data)) {
      long[] max = {0};
      st.forEachEvent(e -> max[0] = Math.max(max[0], e.time()));
      newest = max[0];
      all = st.eventCount();
    }
    try (ShopSense s = TestStores.reopen(data, Map.of("engine.retention_days", "7"))) {
      long cut = newest - 7 * 86_400_000L;
      long[] oldest = {Long.MAX_VALUE};
      s.internals().store().forEachEvent(e -> oldest[0] = Math.min(oldest[0], e.time()));
      assertThat(oldest[0]).isGreaterThanOrEqualTo(cut);
      assertThat(s.internals().store().eventCount()).isPositive().isLessThan(all);
      assertThat(s.train().snapshot().events()).isEqualTo(s.internals().store().eventCount());
    }
  }
}
