package io.shopsense.search.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.search.SearchHit;
import io.shopsense.search.SearchMode;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.index.CatalogIndex;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the {@link TinyShop} log, whose right order is known: both the linear ranker and
 * LambdaMART must put the shopper's brand first, explain it in words, give every shopper the same
 * list without personalization, and survive a save/load round trip.
 */
class RankerTrainingTest {
  @TempDir static Path dir;
  static CatalogIndex index;
  static List<Item> items = TinyShop.items();
  static List<Event> events = TinyShop.events(12, 4, 7);
  static Map<String, Item> catalog = new HashMap<>();

  @BeforeAll
  static void setUp() {
    index = CatalogIndex.open(dir, SearchSettings.defaults(), null);
    index.upsert(items);
    for (Item it : items) catalog.put(it.id(), it);
  }

  @AfterAll
  static void tearDown() {
    index.close();
  }

  static PersonalizedRanker train(Map<String, String> overrides) {
    Map<String, String> o = new HashMap<>(overrides);
    o.put("rank.candidates", "50");
    Config c = Config.defaults().with(o);
    RankerTrainer.Inputs in = new RankerTrainer.Inputs(events, catalog, List.of(), Retriever.of(index, SearchMode.BM25), null);
    RankerTrainer.Result r = RankerTrainer.train(in, RankSettings.from(c), ProfileUpdater.from(c, PriceBands.fit(items)),
        Long.MAX_VALUE);
    assertThat(r.sessions()).isEqualTo(96); // 2 x 12 fans x 4 searches, each with a positive
    return r.ranker();
  }

  static PersonalizedRanker linear() {
    return train(Map.of("rank.min_sessions", "1000"));
  }

  static PersonalizedRanker lambdaMart() {
    return train(Map.of("rank.min_sessions", "10", "rank.lgbm.iterations", "40",
        "rank.lgbm.params", "learning_rate=0.2 num_leaves=4 min_data_in_leaf=5 min_sum_hessian_in_leaf=0"));
  }

  /** A new fan of the brand, like the logged ones: two views of its items and one purchase. */
  static UserProfile fan(String user, String brandItem) {
    ProfileUpdater up = ProfileUpdater.from(Config.defaults(), PriceBands.fit(items));
    ProfileState s = up.newState(user);
    String brand = brandItem.substring(0, 4);
    var type = io.shopsense.core.model.EventType.VIEW;
    up.apply(s, TinyShop.ev(user, type, brand + "3", TinyShop.T0, "x", null, null), catalog::get);
    up.apply(s, TinyShop.ev(user, type, brand + "1", TinyShop.T0 + 1, "x", null, null), catalog::get);
    up.apply(s, TinyShop.ev(user, io.shopsense.core.model.EventType.PURCHASE, brandItem, TinyShop.T0 + 2, "x", null, null),
        catalog::get);
    return s.snapshot();
  }

  static List<PersonalizedRanker.RankedHit> rank(PersonalizedRanker r, UserProfile p, boolean personalize) {
    List<SearchHit> hits = Retriever.of(index, SearchMode.BM25).retrieve(TinyShop.QUERY, 10);
    assertThat(hits).hasSize(10);
    return r.rerank(new RankingContext(TinyShop.QUERY, p, TinyShop.T0 + 86_400_000L, Channel.APP, personalize), hits, true);
  }

  static void checkKnownOrder(PersonalizedRanker r) {
    List<PersonalizedRanker.RankedHit> acme = rank(r, fan("newA", "acme0"), true);
    List<PersonalizedRanker.RankedHit> bolt = rank(r, fan("newB", "bolt0"), true);
    assertThat(acme.get(0).hit().brand()).isEqualTo("Acme");
    assertThat(bolt.get(0).hit().brand()).isEqualTo("Bolt");
    // the whole brand ranks above the other: the first five are all the shopper's brand
    assertThat(acme.subList(0, 5)).allMatch(h -> h.hit().brand().equals("Acme"));
    assertThat(bolt.subList(0, 5)).allMatch(h -> h.hit().brand().equals("Bolt"));
    // explanation in words for the top contribution
    assertThat(acme.get(0).reasons()).isNotEmpty();
    assertThat(acme.get(0).reasons().get(0).feature()).isEqualTo(Feature.USER_BRAND);
    assertThat(Explanations.text(acme.get(0).reasons())).contains("you often buy Acme");
    assertThat(Explanations.text(bolt.get(0).reasons())).contains("you often buy Bolt");
  }

  static void checkSameWithoutPersonalization(PersonalizedRanker r) {
    List<PersonalizedRanker.RankedHit> a = rank(r, fan("newA", "acme0"), false);
    List<PersonalizedRanker.RankedHit> b = rank(r, fan("newB", "bolt0"), false);
    List<PersonalizedRanker.RankedHit> anon = rank(r, null, false);
    assertThat(a.stream().map(h -> h.hit().id()).toList()).isEqualTo(b.stream().map(h -> h.hit().id()).toList())
        .isEqualTo(anon.stream().map(h -> h.hit().id()).toList());
    assertThat(a.stream().mapToDouble(PersonalizedRanker.RankedHit::score).toArray())
        .containsExactly(b.stream().mapToDouble(PersonalizedRanker.RankedHit::score).toArray());
  }

  static void checkRoundTrip(PersonalizedRanker r) {
    float[] x = r.features().compute(new RankingContext(TinyShop.QUERY, fan("newA", "acme0"), TinyShop.T0, Channel.WEB, true),
        Retriever.of(index, SearchMode.BM25).retrieve(TinyShop.QUERY, 10));
    try (Ranker back = Rankers.load(r.ranker().save())) {
      assertThat(back.kind()).isEqualTo(r.ranker().kind());
      assertThat(back.score(x, 10)).containsExactly(r.ranker().score(x, 10));
    }
  }

  @Test
  void linearRankerLearnsTheShoppersBrand() {
    try (PersonalizedRanker r = linear()) {
      assertThat(r.ranker().kind()).isEqualTo("linear");
      assertThat(((LinearRanker) r.ranker()).weight(Feature.USER_BRAND)).isPositive();
      checkKnownOrder(r);
      checkSameWithoutPersonalization(r);
      checkRoundTrip(r);
    }
  }

  @Test
  void lambdaMartLearnsTheShoppersBrand() {
    try (PersonalizedRanker r = lambdaMart()) {
      assertThat(r.ranker().kind()).isEqualTo("lambdamart");
      checkKnownOrder(r);
      checkSameWithoutPersonalization(r);
      checkRoundTrip(r);
    }
  }

  @Test
  void savedAndLoadedRankerGivesTheSameResults(@TempDir Path models) {
    try (PersonalizedRanker r = lambdaMart()) {
      r.save(models);
      try (PersonalizedRanker back = PersonalizedRanker.load(models, items, List.of(), null, RankSettings.defaults())) {
        List<PersonalizedRanker.RankedHit> a = rank(r, fan("newA", "acme0"), true);
        List<PersonalizedRanker.RankedHit> b = rank(back, fan("newA", "acme0"), true);
        assertThat(b.stream().map(h -> h.hit().id()).toList()).isEqualTo(a.stream().map(h -> h.hit().id()).toList());
        assertThat(b.stream().mapToDouble(PersonalizedRanker.RankedHit::score).toArray())
            .containsExactly(a.stream().mapToDouble(PersonalizedRanker.RankedHit::score).toArray());
        // the statistics came along: query CTR of a clicked item is above the empty prior
        assertThat(back.features().stats().queryCtr(TinyShop.QUERY, "acme0")).isPositive();
      }
    }
  }

  @Test
  void shapContributionsAddUpToTheScore() {
    try (PersonalizedRanker r = lambdaMart()) {
      float[] x = r.features().compute(new RankingContext(TinyShop.QUERY, fan("newA", "acme0"), TinyShop.T0, Channel.APP, true),
          Retriever.of(index, SearchMode.BM25).retrieve(TinyShop.QUERY, 10));
      double[] s = r.ranker().score(x, 10);
      double[] c0 = r.ranker().contributions(x, 0);
      double[] c1 = r.ranker().contributions(x, 1);
      // the expected value is the same for every row, so score differences equal contribution-sum differences
      double d = java.util.Arrays.stream(c0).sum() - java.util.Arrays.stream(c1).sum();
      assertThat(s[0] - s[1]).isCloseTo(d, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void withoutLoggedSearchesTheHandSetLinearRankerServes() {
    RankerTrainer.Inputs in = new RankerTrainer.Inputs(List.of(), catalog, List.of(), Retriever.of(index, SearchMode.BM25), null);
    RankerTrainer.Result r = RankerTrainer.train(in, RankSettings.from(Config.defaults().with(Map.of("rank.candidates", "50"))),
        ProfileUpdater.from(Config.defaults(), PriceBands.fit(items)), Long.MAX_VALUE);
    try (PersonalizedRanker pr = r.ranker()) {
      assertThat(pr.ranker().save()).isEqualTo(LinearRanker.handSet().save());
      assertThat(rank(pr, fan("newA", "acme0"), true).get(0).hit().brand()).isEqualTo("Acme");
    }
  }
}
