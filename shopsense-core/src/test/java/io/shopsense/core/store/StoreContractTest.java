package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.model.Shop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} backend must have. A subclass supplies a fresh, empty store per
 * test; every SPI method is exercised here against the real database.
 */
public abstract class StoreContractTest {
  private final List<Store> opened = new ArrayList<>();

  /** A new, empty store. */
  protected abstract Store createStore();

  /** A fresh store, closed after the test. */
  protected Store store() {
    Store s = createStore();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    for (Store s : opened) s.close();
  }

  static Item item(String id, String title, double price) {
    return new Item(id, title, "desc " + id, "Shoes>Running", "Acme", "shop1", price, true, Map.of(), 1000L);
  }

  static Event event(String id, String user, EventType type, String item, long time) {
    return new Event(id, user, type, item, time, null, null, null, null, null, null);
  }

  @Test
  void upsertReplacesItemsAndKeepsChineseTextAndAttributes() {
    Store s = store();
    Item zh = new Item("i1", "男士跑步鞋 轻便透气", "轻便透气的跑步鞋, \"quoted\" and 'single'", "鞋>跑步", "安踏", "旗舰店",
        59.9, false, Map.of("颜色", "红色", "size", "42"), 1_700_000_000_000L);
    s.upsertItems(List.of(zh, item("i2", "Running shoe", 10)));
    assertThat(s.item("i1")).contains(zh);
    assertThat(s.item("i1").orElseThrow().attributes()).containsEntry("颜色", "红色").hasSize(2);

    Item replaced = item("i1", "Replaced", 20);
    s.upsertItems(List.of(replaced));
    assertThat(s.item("i1")).contains(replaced);
    assertThat(s.item("i1").orElseThrow().attributes()).isEmpty();
    assertThat(s.itemCount()).isEqualTo(2);

    // the same id twice in one batch: the last one wins
    s.upsertItems(List.of(item("i3", "first", 1), item("i3", "second", 2)));
    assertThat(s.item("i3").orElseThrow().title()).isEqualTo("second");
  }

  @Test
  void missingItemIsEmptyAndDeleteReportsExistence() {
    Store s = store();
    assertThat(s.item("nope")).isEmpty();
    s.upsertItems(List.of(item("a", "A", 1)));
    assertThat(s.deleteItem("a")).isTrue();
    assertThat(s.deleteItem("a")).isFalse();
    assertThat(s.item("a")).isEmpty();
    assertThat(s.itemCount()).isZero();
  }

  @Test
  void itemsStreamInIdOrder() {
    Store s = store();
    List<Item> items = new ArrayList<>();
    for (int i = 2_499; i >= 0; i--) items.add(item(String.format("item-%05d", i), "t" + i, i));
    items.add(item("B", "upper", 1));
    items.add(item("a", "lower", 1));
    s.upsertItems(items);
    List<String> ids = new ArrayList<>();
    s.forEachItem(it -> ids.add(it.id()));
    assertThat(ids).hasSize(2_502).isSorted().startsWith("B", "a", "item-00000");
  }

  @Test
  void shopsRoundTrip() {
    Store s = store();
    Shop a = new Shop("s1", "旗舰店", "Shoes", 5L);
    s.upsertShops(List.of(a, new Shop("s0", null, null, 0L)));
    s.upsertShops(List.of(new Shop("s0", "Zero", "Food", 7L)));
    assertThat(s.shop("s1")).contains(a);
    assertThat(s.shop("s0")).contains(new Shop("s0", "Zero", "Food", 7L));
    assertThat(s.shop("s9")).isEmpty();
    List<String> ids = new ArrayList<>();
    s.forEachShop(sh -> ids.add(sh.id()));
    assertThat(ids).containsExactly("s0", "s1");
    assertThat(s.shopCount()).isEqualTo(2);
  }

  @Test
  void promotionsKeepNullOptionals() {
    Store s = store();
    Promotion full = new Promotion("p1", "满100减20", PromotionKind.COUPON, "shop1", "Shoes>Running", 100.0, 20, 10, 20, 5000.0);
    Promotion bare = new Promotion("p2", null, PromotionKind.BUNDLE, null, null, null, 0.1, 0, Long.MAX_VALUE, null);
    s.upsertPromotions(List.of(full, bare));
    List<Promotion> got = new ArrayList<>();
    s.forEachPromotion(got::add);
    assertThat(got).containsExactly(full, bare);
    Promotion changed = new Promotion("p1", "changed", PromotionKind.DISCOUNT, null, null, null, 0.5, 1, 2, null);
    s.upsertPromotions(List.of(changed));
    got.clear();
    s.forEachPromotion(got::add);
    assertThat(got).containsExactly(changed, bare);
    assertThat(s.promotionCount()).isEqualTo(2);
  }

  @Test
  void everyEventFieldRoundTripsInAppendOrder() {
    Store s = store();
    Event full = new Event("e1", "u1", EventType.SEARCH, null, 1_000L, "sess-1", Channel.MINI, null, "跑步鞋 red",
        List.of("i1", "i2", "商品3"), null);
    Event rate = new Event("e2", "u1", EventType.RATE, "i1", 900L, null, Channel.APP, 4.5, null, null, "很好 \"great\"");
    Event bare = Event.of("u2", EventType.VIEW, "i2", 5L);
    Event empty = new Event(null, "u3", EventType.IMPRESSION, null, 0L, null, Channel.WEB, 0.0, "", List.of(), "");
    assertThat(s.append(List.of(full, rate, bare, empty))).isEqualTo(4);
    List<Event> got = new ArrayList<>();
    s.forEachEvent(got::add);
    assertThat(got).containsExactly(full, rate, bare, empty);
    assertThat(s.eventCount()).isEqualTo(4);
    assertThat(s.append(List.of())).isZero();
  }

  @Test
  void appendSkipsDuplicateIdsAndCountsOnlyNewEvents() {
    Store s = store();
    assertThat(s.append(List.of(event("a", "u", EventType.VIEW, "i", 1), event("b", "u", EventType.VIEW, "i", 2)))).isEqualTo(2);
    // "a" is stored already, "c" repeats inside the batch, events without id never clash
    List<Event> batch = List.of(event("a", "u", EventType.CLICK, "i", 3), event("c", "u", EventType.VIEW, "i", 4),
        event("c", "u", EventType.PURCHASE, "i", 5), event(null, "u", EventType.VIEW, "i", 6),
        event(null, "u", EventType.VIEW, "i", 6));
    assertThat(s.append(batch)).isEqualTo(3);
    List<Event> got = new ArrayList<>();
    s.forEachEvent(got::add);
    assertThat(got).extracting(Event::time).containsExactly(1L, 2L, 4L, 6L, 6L);
    assertThat(got.get(0).type()).isEqualTo(EventType.VIEW);
  }

  @Test
  void largeAppendSpansStatementChunksAndStreamsInOrder() {
    Store s = store();
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) batch.add(event("e" + i, "u" + (i % 97), EventType.ofCode(i % 10), "i" + (i % 501), i));
    batch.add(event("e24999", "u", EventType.VIEW, "i", 1)); // a duplicate in the last chunk
    assertThat(s.append(batch)).isEqualTo(25_000);
    long[] expected = {0};
    s.forEachEvent(e -> {
      assertThat(e.time()).isEqualTo(expected[0]);
      expected[0]++;
    });
    assertThat(expected[0]).isEqualTo(25_000);
  }

  @Test
  void recentEventsAreNewestFirst() {
    Store s = store();
    s.append(List.of(event(null, "u1", EventType.VIEW, "old", 10), event(null, "u2", EventType.VIEW, "other", 50),
        event(null, "u1", EventType.CLICK, "new", 30), event(null, "u1", EventType.VIEW, "mid", 20),
        event(null, "u1", EventType.PURCHASE, "tie", 30)));
    assertThat(s.recentEvents("u1", 10)).extracting(Event::item).containsExactly("tie", "new", "mid", "old");
    assertThat(s.recentEvents("u1", 2)).extracting(Event::item).containsExactly("tie", "new");
    assertThat(s.recentEvents("nobody", 5)).isEmpty();
    assertThat(s.recentEvents("u1", 0)).isEmpty();
  }

  @Test
  void recentUsersAreOrderedByTheirNewestEvent() {
    Store s = store();
    assertThat(s.recentUsers(5)).isEmpty();
    long day = 86_400_000L;
    s.append(List.of(event(null, "old", EventType.VIEW, "i", 5), event(null, "mid", EventType.VIEW, "i", 3 * day),
        event(null, "new", EventType.VIEW, "i", 9 * day), event(null, "old", EventType.CLICK, "i", 6),
        event(null, "tie-b", EventType.VIEW, "i", 3 * day), event(null, "mid", EventType.VIEW, "i", 2 * day)));
    assertThat(s.recentUsers(10)).containsExactly("new", "mid", "tie-b", "old");
    assertThat(s.recentUsers(2)).containsExactly("new", "mid");
    assertThat(s.recentUsers(0)).isEmpty();
  }

  @Test
  void recentEventsWalkBackOverDays() {
    Store s = store();
    long day = 86_400_000L;
    s.append(List.of(event(null, "u1", EventType.VIEW, "d0", 5), event(null, "u2", EventType.VIEW, "x", day + 1),
        event(null, "u1", EventType.VIEW, "d3a", 3 * day + 1), event(null, "u1", EventType.VIEW, "d3b", 3 * day + 2),
        event(null, "u2", EventType.VIEW, "y", 7 * day), event(null, "u1", EventType.CLICK, "d10", 10 * day + 9),
        event(null, "u1", EventType.VIEW, "d-1", -day - 1)));
    assertThat(s.recentEvents("u1", 3)).extracting(Event::item).containsExactly("d10", "d3b", "d3a");
    assertThat(s.recentEvents("u1", 100)).extracting(Event::item).containsExactly("d10", "d3b", "d3a", "d0", "d-1");
    assertThat(s.recentEvents("u2", 1)).extracting(Event::item).containsExactly("y");
  }

  @Test
  void countsByTypeAndDistinctUsersAndItems() {
    Store s = store();
    assertThat(s.countByType()).isEmpty();
    assertThat(s.distinctUsersAndItems()).containsExactly(0, 0);
    s.append(List.of(event(null, "u1", EventType.VIEW, "i1", 1), event(null, "u1", EventType.VIEW, "i2", 2),
        event(null, "u2", EventType.PURCHASE, "i1", 3), event(null, "u3", EventType.SEARCH, null, 4)));
    assertThat(s.countByType()).containsExactlyInAnyOrderEntriesOf(
        Map.of(EventType.VIEW, 2L, EventType.PURCHASE, 1L, EventType.SEARCH, 1L));
    assertThat(s.distinctUsersAndItems()).containsExactly(3, 2);
  }

  @Test
  void profilesAreReplaced() {
    Store s = store();
    assertThat(s.profile("u1")).isEmpty();
    s.saveProfile("u1", "{\"brands\":{\"安踏\":1}}");
    s.saveProfile("u1", "{\"brands\":{\"Acme\":2}}");
    assertThat(s.profile("u1")).contains("{\"brands\":{\"Acme\":2}}");
  }

  @Test
  void profilesAreSavedTogether() {
    Store s = store();
    s.saveProfile("u1", "{\"old\":1}");
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("u1", "{\"brands\":{\"安踏\":1}}");
    docs.put("u2", "{}");
    s.saveProfiles(docs);
    s.saveProfiles(Map.of());
    assertThat(s.profile("u1")).contains("{\"brands\":{\"安踏\":1}}");
    assertThat(s.profile("u2")).contains("{}");
  }

  @Test
  void identityLinksResolveAndRelink() {
    Store s = store();
    assertThat(s.resolve("device-1")).isEqualTo("device-1");
    s.link(new IdentityLink("device-1", "alice", Channel.APP, 100));
    s.link(new IdentityLink("web-7", "alice", null, 101));
    assertThat(s.resolve("device-1")).isEqualTo("alice");
    assertThat(s.links("alice")).containsExactly(new IdentityLink("device-1", "alice", Channel.APP, 100),
        new IdentityLink("web-7", "alice", null, 101));
    s.link(new IdentityLink("device-1", "bob", Channel.MINI, 200)); // re-linking moves the alias
    assertThat(s.resolve("device-1")).isEqualTo("bob");
    assertThat(s.links("alice")).extracting(IdentityLink::alias).containsExactly("web-7");
    assertThat(s.links("bob")).containsExactly(new IdentityLink("device-1", "bob", Channel.MINI, 200));
  }

  @Test
  void eraseRemovesTheUserAndTheirAliasesButNoOneElse() {
    Store s = store();
    s.link(new IdentityLink("alice-phone", "alice", Channel.APP, 1));
    s.link(new IdentityLink("bob-phone", "bob", Channel.APP, 1));
    s.saveProfile("alice", "{}");
    s.saveProfile("alice-phone", "{}");
    s.saveProfile("bob", "{}");
    long day = 86_400_000L;
    s.append(List.of(event("a1", "alice", EventType.VIEW, "i1", 1), event("a2", "alice-phone", EventType.CLICK, "i1", 2 * day),
        event("a3", "alice", EventType.PURCHASE, "i2", 40 * day), event("b1", "bob", EventType.VIEW, "i1", 4),
        event("b2", "bob-phone", EventType.VIEW, "i3", 2 * day + 5)));

    assertThat(s.eraseUser("alice")).isEqualTo(3);

    List<String> users = new ArrayList<>();
    s.forEachEvent(e -> users.add(e.user()));
    assertThat(users).containsExactly("bob", "bob-phone");
    assertThat(s.profile("alice")).isEmpty();
    assertThat(s.profile("alice-phone")).isEmpty();
    assertThat(s.profile("bob")).isPresent();
    assertThat(s.links("alice")).isEmpty();
    assertThat(s.resolve("alice-phone")).isEqualTo("alice-phone");
    assertThat(s.resolve("bob-phone")).isEqualTo("bob");
    assertThat(s.recentEvents("alice", 10)).isEmpty();
    assertThat(s.eraseUser("alice")).isZero();
    // an erased event id may be sent again (it is a new event now)
    assertThat(s.append(List.of(event("a1", "alice", EventType.VIEW, "i1", 9)))).isEqualTo(1);
  }

  @Test
  void retentionDeletesOnlyOlderEvents() {
    Store s = store();
    long cut = 3 * 86_400_000L + 100;
    s.append(List.of(event(null, "u", EventType.VIEW, "i", cut - 1), event(null, "u", EventType.VIEW, "i", cut),
        event(null, "u", EventType.VIEW, "i", cut + 86_400_000L), event(null, "v", EventType.VIEW, "i", 5),
        event(null, "v", EventType.VIEW, "i", -86_400_000L * 2)));
    assertThat(s.deleteEventsBefore(cut)).isEqualTo(3);
    List<Long> times = new ArrayList<>();
    s.forEachEvent(e -> times.add(e.time()));
    assertThat(times).containsExactly(cut, cut + 86_400_000L);
    assertThat(s.deleteEventsBefore(cut)).isZero();
    assertThat(s.recentEvents("u", 5)).extracting(Event::time).containsExactly(cut + 86_400_000L, cut);
  }

  @Test
  void concurrentAppendsLoseNothing() throws Exception {
    Store s = store();
    int threads = 4;
    int batches = 20;
    int perBatch = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          int added = 0;
          for (int b = 0; b < batches; b++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
              // every thread also re-sends thread 0's ids: each id must still be stored once
              String id = (i % 10 == 0 ? "t0" : "t" + thread) + "-" + b + "-" + i;
              batch.add(event(id, "u" + thread, EventType.VIEW, "i" + i, b * perBatch + i));
            }
            added += s.append(batch);
            s.recentEvents("u" + thread, 3); // reads interleave with writes
          }
          return added;
        }));
      }
      int total = 0;
      for (Future<Integer> f : done) total += f.get();
      long expected = threads * batches * perBatch - (threads - 1) * batches * (perBatch / 10);
      assertThat(total).isEqualTo(expected);
      assertThat(s.eventCount()).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void urlShowsNoPassword() {
    Store s = store();
    assertThat(s.url()).doesNotContain("secret");
  }
}
