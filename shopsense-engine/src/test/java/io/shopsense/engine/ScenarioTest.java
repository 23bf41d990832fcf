package io.shopsense.engine;

import static io.shopsense.engine.Fixtures.ids;
import static io.shopsense.engine.Fixtures.recommend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.api.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour per scenario, on a small generated store trained once. */
class ScenarioTest {
  @TempDir static Path dir;
  static ShopSense s;
  static List<String> users;
  static long now;

  @BeforeAll
  static void train() {
    s = TestStores.open(dir.resolve("data"), TestStores.NO_SEARCH_RANKER);
    users = Fixtures.users(s);
    now = s.internals().clock().now();
    // hand-made promotions around the data's "now", one per rule the scenario must respect
    long day = 86_400_000L;
    Item anyItem = s.internals().catalog().newestFirst().get(0);
    s.upsertPromotions(List.of(
        new Promotion("t-active", "10% off everything", PromotionKind.DISCOUNT, null, null, null, 0.1, now - day, now + day, null),
        new Promotion("t-shop", "5 off at " + anyItem.shop(), PromotionKind.COUPON, anyItem.shop(), null, 20.0, 5, now - day, now + day, 1000.0),
        new Promotion("t-expired", "old", PromotionKind.DISCOUNT, null, null, null, 0.5, now - 10 * day, now - 5 * day, null),
        new Promotion("t-future", "later", PromotionKind.DISCOUNT, null, null, null, 0.5, now + day, now + 5 * day, null),
        new Promotion("t-spent", "spent", PromotionKind.COUPON, null, null, null, 5, now - 60 * day, now + day, 1.0),
        new Promotion("t-unreachable", "big spenders", PromotionKind.COUPON, null, null, 1_000_000.0, 50_000, now - day, now + day, null)));
    // trained after the promotions exist, so the budget estimate covers t-spent
    assertThat(s.train().published()).isTrue();
  }

  @AfterAll
  static void close() {
    s.close();
  }

  /** Shoppers with at least this many distinct purchases. */
  static List<String> buyers(int min) {
    List<String> out = new ArrayList<>();
    for (String u : users) if (Fixtures.profile(s, u).purchases().size() >= min) out.add(u);
    return out;
  }

  @Test
  void forYouNeverShowsBoughtItems() {
    List<String> b = buyers(3);
    assertThat(b).hasSizeGreaterThan(10);
    for (String u : b.subList(0, 10)) {
      UserProfile p = Fixtures.profile(s, u);
      List<String> got = ids(recommend(s, Scenario.FOR_YOU, u, null, 20, false));
      assertThat(got).hasSize(20).doesNotContainAnyElementsOf(p.purchases().keySet());
    }
  }

  @Test
  void promotionsAreActiveEligibleReachableAndWithinBudget() {
    for (String u : List.of(users.get(0), users.get(7), "nobody-at-all")) {
      Response r = recommend(s, Scenario.PROMOTIONS, u, null, 20, true);
      assertThat(ids(r)).contains("t-active").doesNotContain("t-expired", "t-future", "t-spent", "t-unreachable");
      for (ResultItem x : r.results()) {
        Promotion p = s.internals().catalog().promotion(x.id());
        assertThat(p.activeAt(now)).as(x.id()).isTrue();
        assertThat(x.reason()).isNotBlank();
      }
    }
  }

  @Test
  void shopShareCapIsRespected() {
    for (String u : users.subList(0, 15)) {
      Response r = recommend(s, Scenario.FOR_YOU, u, 10, Fixtures.rules(0, 0.2, 0));
      Map<String, Long> perShop = r.results().stream().collect(Collectors.groupingBy(ResultItem::shop, Collectors.counting()));
      assertThat(perShop.values()).allMatch(c -> c <= 2);
      assertThat(r.results()).hasSize(10);
    }
  }

  @Test
  void maxPerCategoryIsRespected() {
    for (String u : users.subList(0, 15)) {
      for (Scenario sc : List.of(Scenario.FOR_YOU, Scenario.TRENDING, Scenario.NEW_ARRIVALS)) {
        Response r = recommend(s, sc, u, 12, Fixtures.rules(2, 1.0, 0.3));
        Map<String, Long> perCat = r.results().stream().collect(Collectors.groupingBy(ResultItem::category, Collectors.counting()));
        assertThat(perCat.values()).as(sc + " " + u).allMatch(c -> c <= 2);
        assertThat(r.results()).hasSize(12);
      }
    }
  }

  @Test
  void coldStartShopperGetsResultsInEveryScenario() {
    String anchor = s.internals().catalog().newestFirst().get(3).id();
    for (Scenario sc : Scenario.values()) {
      String item = sc == Scenario.SIMILAR || sc == Scenario.BOUGHT_TOGETHER ? anchor : null;
      Response r = recommend(s, sc, "brand-new-shopper", item, 10, false);
      assertThat(r.results()).as(sc.wireName()).isNotEmpty();
      Response anon = recommend(s, sc, null, item, 10, false);
      assertThat(anon.results()).as(sc.wireName() + " anonymous").isNotEmpty();
    }
  }

  @Test
  void similarItemsMostlyShareTheAnchorsCategory() {
    // the small catalog holds only a handful of items per leaf category, so "mostly" is measured on
    // the positions those can fill: the first min(5, in-stock items of the category) results
    float[] pop = s.snapshot().stats().popularity();
    int anchors = 0, same = 0, slots = 0;
    for (int i = 0; i < pop.length && anchors < 30; i++) {
      if (pop[i] < 5) continue;
      Item a = Fixtures.item(s, s.snapshot().itemId(i));
      if (a == null) continue;
      anchors++;
      long available = s.internals().catalog().items().stream()
          .filter(x -> x.inStock() && !x.id().equals(a.id()) && a.category().equals(x.category())).count();
      List<ResultItem> got = recommend(s, Scenario.SIMILAR, null, a.id(), 10, false).results();
      assertThat(got).hasSize(10).noneMatch(x -> x.id().equals(a.id()));
      for (int k = 0; k < Math.min(5, available); k++) {
        slots++;
        if (a.category().equals(got.get(k).category())) same++;
      }
    }
    assertThat(anchors).isEqualTo(30);
    assertThat((double) same / slots).as("share of the top slots in the anchor's leaf category").isGreaterThan(0.8);
  }

  @Test
  void buyAgainReturnsOnlyItemsTheShopperBought() {
    for (String u : buyers(2).subList(0, 15)) {
      UserProfile p = Fixtures.profile(s, u);
      List<String> got = ids(recommend(s, Scenario.BUY_AGAIN, u, null, 10, true));
      assertThat(got).isNotEmpty();
      assertThat(p.purchases().keySet()).containsAll(got);
    }
  }

  @Test
  void boughtTogetherExcludesTheAnchorsAndTheirSubstitutes() {
    float[] pop = s.snapshot().stats().popularity();
    int checked = 0;
    for (int i = 0; i < pop.length && checked < 20; i++) {
      if (pop[i] < 5) continue;
      Item a = Fixtures.item(s, s.snapshot().itemId(i));
      if (a == null) continue;
      checked++;
      Response r = recommend(s, Scenario.BOUGHT_TOGETHER, null, a.id(), 10, true);
      assertThat(r.results()).isNotEmpty();
      for (ResultItem x : r.results()) assertThat(x.category()).isNotEqualTo(a.category());
    }
    assertThat(s.snapshot().stats().cobuy().size()).as("co-purchase rules mined").isPositive();
  }

  @Test
  void trendingFollowsTheCategoryRule() {
    Item any = s.internals().catalog().newestFirst().get(0);
    String top = any.topCategory();
    Rules r = new Rules(true, List.of(top), List.of(), List.of(), null, null, true, false, Map.of(), List.of(), 0, 1.0, 0);
    Response res = recommend(s, Scenario.TRENDING, null, 10, r);
    assertThat(res.results()).isNotEmpty().allMatch(x -> x.category().startsWith(top));
  }

  @Test
  void newArrivalsAreNewerThanTheCatalogAverage() {
    double avg = s.internals().catalog().items().stream().mapToLong(Item::created).average().orElse(0);
    Response r = recommend(s, Scenario.NEW_ARRIVALS, users.get(3), null, 10, true);
    double got = r.results().stream().mapToLong(x -> Fixtures.item(s, x.id()).created()).average().orElse(0);
    assertThat(got).isGreaterThan(avg);
  }

  @Test
  void shopsAreShopsAndFollowAffinity() {
    String u = users.get(5);
    UserProfile p = Fixtures.profile(s, u);
    Response r = recommend(s, Scenario.SHOPS, u, null, 5, true);
    assertThat(r.results()).isNotEmpty().allMatch(x -> s.internals().catalog().shop(x.id()) != null);
    assertThat(r.results().get(0).id()).isIn(p.shops().keySet());
  }

  @Test
  void rankReturnsTheSameIdsAndRejectsUnknownOnes() {
    List<String> page = s.internals().catalog().newestFirst().stream().limit(30).map(Item::id).toList();
    Response r = s.rank(users.get(2), page, true);
    assertThat(ids(r)).containsExactlyInAnyOrderElementsOf(page);
    assertThat(r.results()).allMatch(x -> x.reason() != null);
    List<String> bad = new ArrayList<>(page);
    bad.add("no-such-item");
    assertThatThrownBy(() -> s.rank(users.get(2), bad, false)).isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("items"))
        .hasMessageContaining("no-such-item");
  }

  @Test
  void explanationsOnlyWhenAsked() {
    String item = s.internals().catalog().newestFirst().get(10).id();
    for (Scenario sc : Scenario.values()) {
      String it = sc == Scenario.SIMILAR || sc == Scenario.BOUGHT_TOGETHER ? item : null;
      Response with = recommend(s, sc, users.get(1), it, 10, true);
      Response without = recommend(s, sc, users.get(1), it, 10, false);
      assertThat(with.results()).as(sc.wireName()).isNotEmpty()
          .allMatch(x -> x.source() != null && x.reason() != null && !x.reason().isBlank());
      assertThat(without.results()).allMatch(x -> x.source() == null && x.reason() == null);
    }
    Response fy = recommend(s, Scenario.FOR_YOU, users.get(1), null, 10, true);
    assertThat(fy.results()).anyMatch(x -> x.reason().startsWith("because you"));
  }

  @Test
  void pinsBoostsBuriesAndRecentlyShownShapeTheList() {
    String u = users.get(12);
    List<String> plain = ids(recommend(s, Scenario.FOR_YOU, u, 10, Fixtures.rules(0, 1.0, 0)));
    Item pinA = s.internals().catalog().newestFirst().stream().filter(Item::inStock).filter(i -> !plain.contains(i.id()))
        .findFirst().orElseThrow();
    Item pinB = s.internals().catalog().newestFirst().stream().filter(Item::inStock)
        .filter(i -> !plain.contains(i.id()) && !i.id().equals(pinA.id())).findFirst().orElseThrow();
    Map<String, Double> boost = new HashMap<>();
    boost.put(plain.get(9), 100.0); // the last becomes the first after the pins
    boost.put(plain.get(0), 0.0001); // the first is buried out of the top 10
    Rules r = new Rules(true, List.of(), List.of(), List.of(), null, null, true, false, boost, List.of(pinA.id(), pinB.id()),
        0, 1.0, 0);
    List<String> got = ids(recommend(s, Scenario.FOR_YOU, u, 10, r));
    assertThat(got.subList(0, 3)).containsExactly(pinA.id(), pinB.id(), plain.get(9));
    assertThat(got).doesNotContain(plain.get(0));
    // impressions of the last hour are excluded when the rule asks for it
    s.ingest(List.of(new io.shopsense.core.model.Event(null, u, io.shopsense.core.model.EventType.IMPRESSION, null,
        now + 1000, null, null, null, null, plain.subList(0, 5), null)));
    Rules fresh = new Rules(true, List.of(), List.of(), List.of(), null, null, true, true, Map.of(), List.of(), 0, 1.0, 0);
    assertThat(ids(recommend(s, Scenario.FOR_YOU, u, 10, fresh))).doesNotContainAnyElementsOf(plain.subList(0, 5));
    // filters: price range and brand
    Rules cheap = new Rules(true, List.of(), List.of(), List.of(), 0.0, 30.0, true, false, Map.of(), List.of(), 0, 1.0, 0);
    assertThat(recommend(s, Scenario.TRENDING, u, 10, cheap).results()).isNotEmpty().allMatch(x -> x.price() <= 30.0);
  }

  @Test
  void badRequestsNameTheirField() {
    assertThatThrownBy(() -> s.recommend(new RecommendRequest(Scenario.FOR_YOU, "u", null, null, 0, null, false, null)))
        .isInstanceOf(BadRequestException.class).satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("n"));
    assertThatThrownBy(() -> s.recommend(new RecommendRequest(Scenario.SIMILAR, "u", null, null, 10, null, false, null)))
        .isInstanceOf(BadRequestException.class).satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("item"));
    Map<String, Double> boost = new HashMap<>();
    boost.put("x", -1.0);
    Rules bad = new Rules(true, null, null, null, null, null, true, false, boost, null, 0, 1, 0);
    assertThatThrownBy(() -> recommend(s, Scenario.FOR_YOU, "u", 10, bad)).isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("rules.boost"));
  }
}
