package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bulk-append part of the store contract ({@link EventStore#bulkAppend}), run on every backend
 * with the rest of {@link StoreContractTest}: both paths, into an empty table (indexes rebuilt at
 * the end) and into one that holds events.
 */
public abstract class BulkAppendContractTest extends StoreContractTest {
  private static List<Event> stored(Store s) {
    List<Event> got = new ArrayList<>();
    s.forEachEvent(got::add);
    return got;
  }

  @Test
  void bulkIntoEmptyStoreSkipsDuplicatesWithinAndAcrossBatchesInOrder() {
    Store s = store();
    List<List<Event>> batches = List.of(
        List.of(event("a", "u1", EventType.VIEW, "i1", 1), event(null, "u1", EventType.VIEW, "i1", 2),
            event("b", "u2", EventType.CLICK, "i2", 3), event("b", "u2", EventType.PURCHASE, "i2", 4)),
        List.of(),
        List.of(event("a", "u1", EventType.CLICK, "i1", 5), event("c", "u1", EventType.VIEW, "i3", 6),
            event(null, "u1", EventType.VIEW, "i1", 2)));
    assertThat(s.bulkAppend(batches.iterator())).isEqualTo(5);
    assertThat(stored(s)).extracting(Event::time).containsExactly(1L, 2L, 3L, 6L, 2L);
    assertThat(stored(s).get(0).type()).isEqualTo(EventType.VIEW);
    // the unique id index and the day index are back: later appends de-duplicate, lookups by user work
    assertThat(s.append(List.of(event("a", "u9", EventType.VIEW, "i", 7), event("d", "u1", EventType.VIEW, "i4", 8))))
        .isEqualTo(1);
    assertThat(s.recentEvents("u1", 2)).extracting(Event::item).containsExactly("i4", "i3");
    assertThat(s.eventCount()).isEqualTo(6);
  }

  @Test
  void bulkIntoNonEmptyStoreSkipsStoredIds() {
    Store s = store();
    s.append(List.of(event("a", "u1", EventType.VIEW, "i1", 1)));
    List<List<Event>> batches = List.of(List.of(event("a", "u1", EventType.CLICK, "i1", 2), event("b", "u1", EventType.VIEW, "i2", 3)),
        List.of(event("b", "u1", EventType.VIEW, "i2", 4), event("c", "u1", EventType.VIEW, "i3", 5)));
    assertThat(s.bulkAppend(batches.iterator())).isEqualTo(2);
    assertThat(stored(s)).extracting(Event::time).containsExactly(1L, 3L, 5L);
  }

  @Test
  void bulkRoundTripsEveryFieldAndAwkwardText() {
    Store s = store();
    Event full = new Event("e1", "u\t1", EventType.SEARCH, null, 1_000L, "sess\\1", Channel.MINI, null,
        "跑步鞋\nred\r\\N", List.of("i1", "i\t2", "商品3"), null);
    Event rate = new Event("e2", "u1", EventType.RATE, "i1", -900L, null, Channel.APP, 4.5, null, null, "很好 \"great\" \\t");
    Event tiny = new Event(null, "u2", EventType.PURCHASE, "i2", 5L, null, null, 1.0E-7, null, null, null);
    Event empty = new Event(null, "u3", EventType.IMPRESSION, null, 0L, "", Channel.WEB, 0.0, "", List.of(), "");
    assertThat(s.bulkAppend(List.of(List.of(full, rate), List.of(tiny, empty)).iterator())).isEqualTo(4);
    assertThat(stored(s)).containsExactly(full, rate, tiny, empty);
  }

  @Test
  void bulkOfManyBatchesKeepsOrder() {
    Store s = store();
    List<List<Event>> batches = new ArrayList<>();
    for (int b = 0; b < 7; b++) {
      List<Event> batch = new ArrayList<>();
      for (int i = 0; i < 3_001; i++) {
        int n = b * 3_001 + i;
        batch.add(event("e" + n, "u" + (n % 13), EventType.ofCode(n % 10), "i" + (n % 101), n));
      }
      batches.add(batch);
    }
    assertThat(s.bulkAppend(batches.iterator())).isEqualTo(7 * 3_001);
    long[] expected = {0};
    s.forEachEvent(e -> assertThat(e.time()).isEqualTo(expected[0]++));
    assertThat(expected[0]).isEqualTo(7 * 3_001);
    assertThat(s.countByType().get(EventType.VIEW)).isEqualTo(2_101); // codes 0..9 over 21,007 events
  }

  @Test
  void failedBulkIntoEmptyStoreLeavesNothingAndKeepsTheIndexes() {
    Store s = store();
    assertThatThrownBy(() -> s.bulkAppend(failingAfterOneBatch()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("input broke");
    assertThat(s.eventCount()).isZero();
    assertThat(s.append(List.of(event("x", "u", EventType.VIEW, "i", 1), event("x", "u", EventType.VIEW, "i", 2))))
        .isEqualTo(1);
    assertThat(s.recentEvents("u", 5)).hasSize(1);
  }

  @Test
  void failedBulkIntoNonEmptyStoreLeavesWhatWasThere() {
    Store s = store();
    s.append(List.of(event("a", "u", EventType.VIEW, "i", 1)));
    assertThatThrownBy(() -> s.bulkAppend(failingAfterOneBatch())).hasMessageContaining("input broke");
    assertThat(stored(s)).extracting(Event::id).containsExactly("a");
    assertThat(s.bulkAppend(List.of(List.of(event("x", "u", EventType.VIEW, "i", 2))).iterator())).isEqualTo(1);
  }

  @Test
  void emptyBulkAddsNothing() {
    Store s = store();
    assertThat(s.bulkAppend(List.<List<Event>>of().iterator())).isZero();
    assertThat(s.append(List.of(event("a", "u", EventType.VIEW, "i", 1), event("a", "u", EventType.VIEW, "i", 1))))
        .isEqualTo(1);
  }

  /** One good batch of new ids, then the input fails (as a parse error or a dying reader would). */
  private static Iterator<List<Event>> failingAfterOneBatch() {
    return new Iterator<>() {
      private int served;

      @Override
      public boolean hasNext() {
        if (served == 1) throw new IllegalStateException("input broke after one batch");
        return true;
      }

      @Override
      public List<Event> next() {
        served++;
        List<Event> b = new ArrayList<>();
        for (int i = 0; i < 100; i++) b.add(event("f" + i, "u", EventType.VIEW, "i", 10 + i));
        return b;
      }
    };
  }
}
