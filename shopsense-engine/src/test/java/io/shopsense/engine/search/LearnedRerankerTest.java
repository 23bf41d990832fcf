package io.shopsense.engine.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.engine.live.LiveView;
import io.shopsense.search.SearchHit;
import io.shopsense.search.rank.ItemStats;
import io.shopsense.search.rank.LinearRanker;
import io.shopsense.search.rank.PersonalizedRanker;
import io.shopsense.search.rank.Promotions;
import io.shopsense.search.rank.QueryIntent;
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.RankingFeatures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The learned ranker behind the engine's seam: the shopper's brand first, removed interests ignored. */
class LearnedRerankerTest {
  static final List<Item> ITEMS = List.of(
      new Item("b1", "Bolt running shoes", null, "Shoes>Running", "Bolt", "s2", 80, true, Map.of(), 0),
      new Item("a1", "Acme running shoes", null, "Shoes>Running", "Acme", "s1", 81, true, Map.of(), 0));

  static SearchHit hit(Item it, int rank) {
    return new SearchHit(it.id(), it.title(), it.brand(), it.shop(), it.category(), it.price(), true, 0, 1, 5, rank, null, 0);
  }

  @Test
  void ranksTheShoppersBrandFirstUnlessTheyRemovedIt() {
    ProfileUpdater up = ProfileUpdater.from(Config.defaults(), PriceBands.fit(ITEMS));
    ProfileState st = up.newState("u");
    up.apply(st, Event.of("u", EventType.PURCHASE, "a1", 1000), id -> id.equals("a1") ? ITEMS.get(1) : ITEMS.get(0));
    RankingFeatures f = new RankingFeatures(new ItemStats(20, 10), new QueryIntent(id -> null, 5), PriceBands.fit(ITEMS),
        Promotions.none(), null, id -> id.equals("a1") ? ITEMS.get(1) : id.equals("b1") ? ITEMS.get(0) : null);
    List<SearchHit> hits = List.of(hit(ITEMS.get(0), 1), hit(ITEMS.get(1), 2));
    try (PersonalizedRanker pr = new PersonalizedRanker(f, LinearRanker.handSet(), RankSettings.defaults())) {
      LearnedReranker r = new LearnedReranker(pr);
      LiveView live = new LiveView("u", st.snapshot(), Map.of(), Set.of(), Set.of(), Set.of());
      List<LearnedReranker.Reranked> out = r.rerank("running shoes", hits, live, null, 2000, 10, 10);
      assertThat(out).extracting(x -> x.hit().id()).containsExactly("a1", "b1");
      assertThat(out.get(0).source()).isEqualTo("brand");
      assertThat(out.get(0).reason()).contains("you often buy Acme");

      LiveView removed = new LiveView("u", st.snapshot(), Map.of(), Set.of(), Set.of(),
          Set.of("brand:Acme", "shop:s1", "category:Shoes", "price_band:mid", "price_band:budget", "price_band:premium"));
      List<LearnedReranker.Reranked> plain = r.rerank("running shoes", hits, removed, null, 2000, 10, 10);
      assertThat(plain).extracting(x -> x.hit().id()).containsExactly("b1", "a1"); // retrieval order wins again
      // without a shopper: the same order, explained by retrieval
      List<LearnedReranker.Reranked> anonymous = r.rerank("running shoes", hits, null, null, 2000, 10, 1);
      assertThat(anonymous).extracting(x -> x.hit().id()).containsExactly("b1", "a1");
      assertThat(anonymous.get(0).reason()).isNotBlank();
      assertThat(anonymous.get(1).reason()).as("only the first is explained").isNull();
    }
  }

}
