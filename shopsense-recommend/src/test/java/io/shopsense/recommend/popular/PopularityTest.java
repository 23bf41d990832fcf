package io.shopsense.recommend.popular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityTest {
  // item 1: 2 users (weights 1, 1); item 2: 1 user (weight 9); item 3: 3 users (1, 2, 1); item 4: none
  static final InteractionMatrix M = TestData.fromRows(new double[][] {
      {1, 9, 1, 0},
      {1, 0, 2, 0},
      {0, 0, 1, 0}});
  static final List<Item> CATALOG = List.of(
      item("i1", "Shoes>Running"), item("i2", "Shoes > Trail"), item("i3", "Home>Lamps"), item("i4", "Shoes>Running"));

  static Item item(String id, String cat) {
    return new Item(id, id, null, cat, null, null, 1, true, null, 0);
  }

  static TrainContext ctx(Config c) {
    return new TrainContext(c, 1, 1, CATALOG, null);
  }

  @Test
  void usersModeCountsDistinctUsersWeightModeSumsWeights() {
    Config users = TestData.config("popular.mode", "users");
    PopularityModel m = new Popularity(users).fit(M, ctx(users));
    assertThat(m.recommend(0, 4, null)).extracting(ScoredItem::item).containsExactly(2, 0, 1, 3);
    assertThat(m.score(0)).isEqualTo(2f);
    assertThat(m.score(2)).isEqualTo(3f);
    Config weight = TestData.config("popular.mode", "weight");
    PopularityModel w = new Popularity(weight).fit(M, ctx(weight));
    assertThat(w.recommend(0, 4, null)).extracting(ScoredItem::item).containsExactly(1, 2, 0, 3);
    assertThat(w.score(1)).isEqualTo(9f);
  }

  @Test
  void perCategoryTopUsesThePathPrefix() {
    Config c = TestData.config();
    PopularityModel m = new Popularity(c).fit(M, ctx(c));
    assertThat(m.recommendInCategory("Shoes", 5, null)).extracting(ScoredItem::item).containsExactly(0, 1, 3);
    assertThat(m.recommendInCategory("Shoes>Running", 5, null)).extracting(ScoredItem::item).containsExactly(0, 3);
    assertThat(m.recommendInCategory(" Shoes > Trail ", 5, null)).extracting(ScoredItem::item).containsExactly(1);
    assertThat(m.recommendInCategory("Sho", 5, null)).as("a prefix must end at a level").isEmpty();
    assertThat(m.recommendInCategory("Shoes", 5, i -> i != 0)).extracting(ScoredItem::item).containsExactly(1, 3);
    assertThat(m.categories().category(1)).isEqualTo("Shoes>Trail");
  }

  @Test
  void trendingUsesTheTrendInputAndDecaysByHalfLife() {
    Config c = TestData.config("trending.half_life_hours", "10", "trending.window_days", "2");
    long now = 1_700_000_000_000L, hour = 3_600_000L;
    TrendWeights tw = new TrendWeights(c, M.colIds(), now);
    tw.add(Event.of("x", EventType.PURCHASE, "i4", now)); // 8 (weight.purchase) * 1
    tw.add(Event.of("x", EventType.VIEW, "i1", now - 10 * hour)); // 1 * 0.5
    tw.add(Event.of("x", EventType.VIEW, "i1", now - 20 * hour)); // 1 * 0.25
    tw.add(Event.of("x", EventType.CLICK, "i2", now - 49 * hour)); // outside the 2-day window
    tw.add(Event.of("x", EventType.SEARCH, null, now)); // no item
    tw.add(Event.of("x", EventType.VIEW, "unknown", now)); // not in the index
    tw.add(Event.of("x", EventType.IMPRESSION, "i3", now)); // weight 0
    tw.add(Event.of("x", EventType.VIEW, "i3", now + 5 * hour)); // future: age 0
    float[] w = tw.weights();
    assertThat(w[3]).isCloseTo(8f, within(1e-6f));
    assertThat(w[0]).isCloseTo(0.75f, within(1e-6f));
    assertThat(w[1]).isZero();
    assertThat(w[2]).isCloseTo(1f, within(1e-6f));
    PopularityModel m = new Trending(c).fit(M, ctx(c).withItemTrend(w));
    assertThat(m.name()).isEqualTo("trending");
    assertThat(m.recommend(0, 4, null)).extracting(ScoredItem::item).containsExactly(3, 2, 0, 1);
    assertThat(m.recommendInCategory("Shoes", 1, null)).extracting(ScoredItem::item).containsExactly(3);
  }

  @Test
  void trendingWithoutTrendInputFallsBackToMatrixWeightsAndRejectsAWrongLength() {
    Config c = TestData.config();
    assertThat(new Trending(c).fit(M, ctx(c)).recommend(0, 1, null)).extracting(ScoredItem::item).containsExactly(1);
    assertThatThrownBy(() -> new Trending(c).fit(M, ctx(c).withItemTrend(new float[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 entries").hasMessageContaining("4 items");
  }
}
