package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.ExperimentReport;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.UserProfileView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search, suggestions, profiles and experiments on one trained engine. */
class SearchAndProfileTest {
  @TempDir static Path dir;
  static ShopSense s;
  static List<String> users;

  @BeforeAll
  static void open() {
    s = TestStores.open(dir.resolve("data"), Map.of());
    assertThat(s.train().published()).isTrue();
    users = Fixtures.users(s);
  }

  @AfterAll
  static void close() {
    s.close();
  }

  static SearchRequestParams q(String text, String user, boolean personalize, boolean explain) {
    return new SearchRequestParams(text, user, 10, 0, null, null, null, null, null, null, personalize, explain, null, null);
  }

  /** A query word from a title of the shopper's favourite top-level category. */
  static String queryFor(String topCategory) {
    for (Item it : s.internals().catalog().items()) {
      if (topCategory.equals(it.topCategory()) && it.title().matches("[A-Za-z].*")) {
        String[] w = it.title().split(" ");
        return w[w.length > 2 ? 2 : w.length - 1];
      }
    }
    throw new AssertionError("no English title in " + topCategory);
  }

  @Test
  void withoutPersonalizationEveryShopperGetsTheSameResults() {
    List<String> first = null;
    for (String u : users.subList(0, 20)) {
      List<String> got = Fixtures.ids(s.search(q("shoes", u, false, false)));
      if (first == null) first = got;
      assertThat(got).isEqualTo(first);
    }
    assertThat(first).isNotEmpty();
    assertThat(Fixtures.ids(s.search(q("shoes", null, true, false)))).isEqualTo(first);
  }

  @Test
  void personalizationReordersForTheShoppersTastes() {
    Set<List<String>> orders = new HashSet<>();
    int lifted = 0, checked = 0;
    for (String u : users.subList(0, 40)) {
      UserProfile p = Fixtures.profile(s, u);
      if (p.brands().isEmpty()) continue;
      List<String> plain = Fixtures.ids(s.search(q("black", u, false, false)));
      Response personal = s.search(q("black", u, true, true));
      orders.add(Fixtures.ids(personal));
      assertThat(personal.results()).allMatch(x -> x.reason() != null);
      // the shopper's strongest brand or category ranks at least as high as without personalization
      String top = UserProfile.top(p.categories(), 1).get(0);
      double before = share(plain, top), after = share(Fixtures.ids(personal), top);
      checked++;
      if (after >= before) lifted++;
    }
    assertThat(orders).as("distinct personalized orders").hasSizeGreaterThan(5);
    assertThat((double) lifted / checked).isGreaterThan(0.9);
  }

  private static double share(List<String> ids, String category) {
    return ids.stream().filter(id -> category.equals(Fixtures.item(s, id).category())).count() / (double) Math.max(1, ids.size());
  }

  @Test
  void searchErrorsNameTheParameter() {
    assertThatThrownBy(() -> s.search(q("  ", null, false, false))).isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("q"));
    assertThatThrownBy(() -> s.search(new SearchRequestParams("x", null, 0, 0, null, null, null, null, null, null, false, false, null, null)))
        .isInstanceOf(BadRequestException.class).satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("n"));
    assertThatThrownBy(() -> s.search(new SearchRequestParams("x", null, 10, 0, null, null, null, null, null, null, false, false, "loudest", null)))
        .isInstanceOf(BadRequestException.class).satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("sort"));
    assertThat(s.search(q("\"(*:", null, true, false)).results()).isEmpty();
  }

  @Test
  void facetsComeWithSearches() {
    Response r = s.search(q("shoes", users.get(0), true, false));
    assertThat(r.facets()).containsKeys("category", "brand");
  }

  @Test
  void suggestionsCompleteThePrefixAndFollowTheShopper() {
    List<String> got = s.suggest("d", users.get(0), 8);
    assertThat(got).isNotEmpty().allMatch(x -> x.toLowerCase().startsWith("d"));
    String u = users.get(4);
    long t = s.internals().clock().now() + 1000;
    s.ingest(List.of(new Event(null, u, EventType.SEARCH, null, t, null, null, null, "dzzz unique query", null, null)));
    assertThat(s.suggest("dz", u, 5)).first().isEqualTo("dzzz unique query");
    assertThat(s.suggest("dz", users.get(5), 5)).doesNotContain("dzzz unique query");
  }

  @Test
  void theProfileShowsWhatTheEngineBelievesAndRemovedInterestsStayRemoved() {
    String u = users.get(8);
    UserProfileView v = s.profile(u).orElseThrow();
    assertThat(v.categories()).isNotEmpty();
    assertThat(v.recentItems()).isNotEmpty().allMatch(i -> i.title() != null);
    assertThat(v.knownToModel()).isTrue();
    String top = v.categories().keySet().iterator().next();
    s.removeInterest(u, "category", top);
    assertThat(s.profile(u).orElseThrow().categories()).doesNotContainKey(top);
    assertThat(s.profile(u).orElseThrow().removed()).contains("category:" + top);
    // new events in that category do not bring it back
    Item inTop = s.internals().catalog().items().stream().filter(i -> top.equals(i.category())).findFirst().orElseThrow();
    s.ingest(List.of(Event.of(u, EventType.PURCHASE, inTop.id(), s.internals().clock().now() + 1000)));
    assertThat(s.profile(u).orElseThrow().categories()).doesNotContainKey(top);
    // and for-you buries it
    Response fy = Fixtures.recommend(s, Scenario.FOR_YOU, u, null, 10, false);
    assertThat(fy.results()).noneMatch(x -> top.equals(x.category()));
    assertThatThrownBy(() -> s.removeInterest(u, "colour", "red")).isInstanceOf(BadRequestException.class);
    assertThat(s.profile("never-seen-anyone")).isEmpty();
  }

  @Test
  void experimentsAssignStickilyAndAttributeClicks() {
    s.putExperiment(new Experiment("fy-test", "for-you", List.of(new Experiment.Variant("control", 1, Map.of()),
        new Experiment.Variant("more-session", 1, Map.of("foryou.weight.session", "4"))), true, 0));
    assertThatThrownBy(() -> s.putExperiment(new Experiment("bad", null, List.of(new Experiment.Variant("x", 1,
        Map.of("no.such.key", "1"))), true, 0))).isInstanceOf(BadRequestException.class);
    Set<String> variants = new HashSet<>();
    List<Response> served = new ArrayList<>();
    for (String u : users.subList(0, 60)) {
      Response a = Fixtures.recommend(s, Scenario.FOR_YOU, u, null, 5, false);
      Response b = Fixtures.recommend(s, Scenario.FOR_YOU, u, null, 5, false);
      assertThat(b.variant()).isEqualTo(a.variant());
      assertThat(a.requestId()).isNotEqualTo(b.requestId());
      variants.add(a.variant());
      served.add(b);
    }
    assertThat(variants).containsExactlyInAnyOrder("control", "more-session");
    // the first 30 shoppers click the first result of their list, citing the request id
    long t = s.internals().clock().now() + 1000;
    for (int i = 0; i < 30; i++) {
      ResultItem first = served.get(i).results().get(0);
      s.ingest(List.of(new Event(null, users.get(i), EventType.CLICK, first.id(), t, served.get(i).requestId(), null, null,
          null, null, null)));
    }
    ExperimentReport r = s.experimentReport("fy-test");
    long impressions = r.variants().stream().mapToLong(ExperimentReport.VariantReport::impressions).sum();
    long clicks = r.variants().stream().mapToLong(ExperimentReport.VariantReport::clicks).sum();
    assertThat(impressions).isEqualTo(120);
    assertThat(clicks).isEqualTo(30);
    for (ExperimentReport.VariantReport v : r.variants()) {
      assertThat(v.ctr().low()).isLessThanOrEqualTo(v.ctr().value());
      assertThat(v.ctr().high()).isGreaterThanOrEqualTo(v.ctr().value());
    }
    assertThat(Fixtures.recommend(s, Scenario.TRENDING, users.get(0), null, 5, false).variant()).isEqualTo("default");
  }
}
