package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An accepted event changes the very next request: no retraining, no delay. */
class LivePersonalizationTest {
  @TempDir static Path dir;
  static ShopSense s;

  @BeforeAll
  static void open() {
    s = TestStores.open(dir.resolve("data"), TestStores.NO_SEARCH_RANKER);
    assertThat(s.train().published()).isTrue();
  }

  @AfterAll
  static void close() {
    s.close();
  }

  /** The three most popular in-stock items of a leaf category none of whose top category the shopper touched. */
  static List<Item> untouchedCategoryItems(UserProfile p) {
    return untouchedCategoryItems(p, Set.of());
  }

  static List<Item> untouchedCategoryItems(UserProfile p, Set<String> avoid) {
    float[] pop = s.snapshot().stats().popularity();
    Map<String, List<Item>> byCat = s.internals().catalog().items().stream()
        .filter(i -> i.inStock() && s.snapshot().itemIndex(i.id()) >= 0 && pop[s.snapshot().itemIndex(i.id())] >= 3)
        .collect(Collectors.groupingBy(Item::category));
    List<String> cats = new ArrayList<>(byCat.keySet());
    cats.sort(null);
    for (String c : cats) {
      List<Item> items = byCat.get(c);
      String top = items.get(0).topCategory();
      if (items.size() < 5 || p.topCategories().containsKey(top) || avoid.contains(c)) continue;
      items.sort(Comparator.comparingDouble((Item i) -> -pop[s.snapshot().itemIndex(i.id())]).thenComparing(Item::id));
      return items.subList(0, 3);
    }
    throw new AssertionError("no untouched category for " + p.user());
  }

  void viewThreeThenSeeTheCategory(String user) {
    UserProfile before = Fixtures.profile(s, user);
    Response was = Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 10, false);
    List<Item> three = untouchedCategoryItems(before, was.results().stream().map(ResultItem::category).collect(Collectors.toSet()));
    String category = three.get(0).category();
    long t = s.internals().clock().now() + 1000;
    List<Event> views = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      views.add(new Event(null, user, EventType.VIEW, three.get(k).id(), t + k * 1000L, "live-" + user, Channel.APP, null,
          null, null, null));
    }
    assertThat(s.ingest(views)).isEqualTo(3);
    Response now = Fixtures.recommend(s, Scenario.FOR_YOU, user, null, 10, true);
    Set<String> cats = now.results().stream().map(ResultItem::category).collect(Collectors.toSet());
    assertThat(cats).as("for-you of " + user + " right after viewing three items of " + category).contains(category);
    assertThat(now.results()).filteredOn(x -> x.category().equals(category))
        .anyMatch(x -> x.reason().startsWith("because you viewed"));
  }

  @Test
  void aKnownShopperSeesANewInterestAtOnce() {
    List<String> users = Fixtures.users(s);
    int done = 0;
    for (String u : users) {
      if (s.snapshot().userRow(u) < 0) continue;
      viewThreeThenSeeTheCategory(u);
      if (++done == 5) break;
    }
    assertThat(done).isEqualTo(5);
  }

  @Test
  void aNewShopperIsServedFromTheirFirstViews() {
    viewThreeThenSeeTheCategory("first-visit-shopper");
    assertThat(s.snapshot().userRow("first-visit-shopper")).isEqualTo(-1);
    assertThat(s.profile("first-visit-shopper")).isPresent();
  }

  @Test
  void purchasesLeaveForYouAtOnce() {
    String u = Fixtures.users(s).get(20);
    Response r = Fixtures.recommend(s, Scenario.FOR_YOU, u, null, 10, false);
    String first = r.results().get(0).id();
    s.ingest(List.of(Event.of(u, EventType.PURCHASE, first, s.internals().clock().now() + 1000)));
    assertThat(Fixtures.ids(Fixtures.recommend(s, Scenario.FOR_YOU, u, null, 10, false))).doesNotContain(first);
    assertThat(Fixtures.ids(Fixtures.recommend(s, Scenario.BUY_AGAIN, u, null, 50, false))).contains(first);
  }

  @Test
  void anAnonymousSessionJoinsTheShopperOnLogin() {
    String user = Fixtures.users(s).get(30);
    String device = "device-of-" + user;
    List<Item> three = untouchedCategoryItems(Fixtures.profile(s, user));
    long t = s.internals().clock().now() + 5000;
    for (int k = 0; k < 3; k++) s.ingest(List.of(Event.of(device, EventType.VIEW, three.get(k).id(), t + k)));
    assertThat(Fixtures.profile(s, user).recentItems()).doesNotContain(three.get(0).id());
    s.link(user, device, Channel.MINI);
    assertThat(Fixtures.profile(s, user).recentItems()).contains(three.get(0).id(), three.get(1).id(), three.get(2).id());
    assertThat(s.internals().live().has(device)).isFalse();
    // later events by the alias land on the shopper
    s.ingest(List.of(Event.of(device, EventType.CLICK, three.get(0).id(), t + 10)));
    assertThat(Fixtures.profile(s, user).eventCounts()).containsKey("click");
    assertThat(s.profile(device).orElseThrow().user()).isEqualTo(user);
  }
}
