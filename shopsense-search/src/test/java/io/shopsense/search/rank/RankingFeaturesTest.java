package io.shopsense.search.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.search.SearchHit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers of each feature on hand-made hits, statistics and profiles. */
class RankingFeaturesTest {
  static final long T = TinyShop.T0;
  static final long DAY = 86_400_000L;
  final List<Item> items = TinyShop.items();
  final Map<String, Item> catalog = new HashMap<>();

  RankingFeaturesTest() {
    for (Item it : items) catalog.put(it.id(), it);
  }

  static SearchHit hit(String id, String title, String brand, String shop, double bm25, int bm25Rank, Double sim,
      long created) {
    return new SearchHit(id, title, brand, shop, "Shoes>Running", 80, true, created, 0, bm25, bm25Rank, sim, 0);
  }

  static float get(float[] x, int row, Feature f) {
    return x[row * Feature.COUNT + f.ordinal()];
  }

  @Test
  void knownAnswers() {
    ItemStats stats = new ItemStats(20, 10);
    QueryIntent intent = new QueryIntent(id -> catalog.containsKey(id) ? catalog.get(id).category() : null, 5);
    ImpressionTracker tracker = new ImpressionTracker(3_600_000L, new ImpressionTracker.Listener() {
      @Override
      public void impression(ImpressionTracker.Impression imp) {
        stats.impression(imp);
        intent.impression(imp);
      }

      @Override
      public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
        stats.action(imp, item, position, grade, event);
        intent.action(imp, item, position, grade, event);
      }
    });
    // one search for "Running Shoes" showing acme0 and bolt0; the shopper clicks acme0
    List<Event> log = List.of(
        TinyShop.ev("u", EventType.IMPRESSION, null, T, "s", "Running  Shoes", List.of("acme0", "bolt0")),
        TinyShop.ev("u", EventType.CLICK, "acme0", T + 1000, "s", null, null));
    for (Event e : log) {
      stats.accept(e);
      tracker.accept(e);
    }
    // a shopper who viewed Acme twice and Bolt once, and bought bolt1
    ProfileUpdater up = ProfileUpdater.from(Config.defaults(), PriceBands.fit(items));
    ProfileState st = up.newState("me");
    for (Event e : List.of(TinyShop.ev("me", EventType.VIEW, "acme1", T, "m", null, null),
        TinyShop.ev("me", EventType.VIEW, "acme2", T + 1, "m", null, null),
        TinyShop.ev("me", EventType.PURCHASE, "bolt1", T + 2, "m", null, null))) {
      up.apply(st, e, catalog::get);
    }
    UserProfile me = st.snapshot();
    Promotion promo = new Promotion("p", "10% off Bolt", PromotionKind.DISCOUNT, "shop2", null, null, 0.1, T, T + DAY, null);
    RankingFeatures f = new RankingFeatures(stats, intent, PriceBands.fit(items), new Promotions(List.of(promo)), null, catalog::get);
    List<SearchHit> hits = List.of(
        hit("acme0", "Acme running shoes model 0", "Acme", "shop1", 7.5, 1, 0.8, T - 9 * DAY),
        hit("bolt1", "Bolt trail sneaker", "Bolt", "shop2", 2.0, 2, null, 0),
        hit("other", "Red running shoes", "Zed", "shop9", 0, 0, 0.4, T));
    float[] x = f.compute(new RankingContext("running shoes", me, T + 3, Channel.WEB, true), hits);

    assertThat(get(x, 0, Feature.BM25)).isEqualTo(7.5f);
    assertThat(get(x, 0, Feature.VECTOR_SIM)).isEqualTo(0.8f);
    assertThat(get(x, 1, Feature.VECTOR_SIM)).isZero();
    assertThat(get(x, 0, Feature.RETRIEVAL_RANK)).isEqualTo(1f);
    assertThat(get(x, 1, Feature.RETRIEVAL_RANK)).isCloseTo((float) (1 / (Math.log(3) / Math.log(2))), offset(1e-6f));
    // "running shoes" -> {run, shoe}: both in title 0, neither in "Bolt trail sneaker"
    assertThat(get(x, 0, Feature.TITLE_MATCH)).isEqualTo(1f);
    assertThat(get(x, 1, Feature.TITLE_MATCH)).isZero();
    // intent: 1 click (grade 1) in Shoes>Running, fallback also all Shoes>Running -> 1
    assertThat(get(x, 0, Feature.INTENT_CATEGORY)).isCloseTo(1f, offset(1e-6f));
    // brands: Acme from two views, Bolt from one purchase (weight.purchase > 2 x weight.view), normalised by the top one
    assertThat(get(x, 1, Feature.USER_BRAND)).isEqualTo(1f);
    assertThat(get(x, 0, Feature.USER_BRAND)).isStrictlyBetween(0f, 1f);
    assertThat(get(x, 2, Feature.USER_BRAND)).isZero();
    assertThat(get(x, 0, Feature.USER_CATEGORY)).isEqualTo(1f);
    // recent items in Shoes: acme1, acme2, bolt1 -> Acme 2/3, Bolt 1/3, Zed 0
    assertThat(get(x, 0, Feature.USER_BRAND_IN_CATEGORY)).isCloseTo(2f / 3, offset(1e-6f));
    assertThat(get(x, 1, Feature.USER_BRAND_IN_CATEGORY)).isCloseTo(1f / 3, offset(1e-6f));
    assertThat(get(x, 2, Feature.USER_BRAND_IN_CATEGORY)).isZero();
    // their prices 81, 82, 81 against a hit at 80: exp(-d^2 / 0.5), d = log 80 - mean(log 81, log 82, log 81)
    double d = Math.log(80) - (2 * Math.log(81) + Math.log(82)) / 3;
    assertThat(get(x, 0, Feature.USER_PRICE_IN_CATEGORY)).isCloseTo((float) Math.exp(-d * d / 0.5), offset(1e-6f));
    assertThat(get(x, 1, Feature.BOUGHT)).isEqualTo(1f);
    assertThat(get(x, 0, Feature.BOUGHT)).isZero();
    assertThat(get(x, 1, Feature.VIEWED)).isEqualTo(1f); // a purchase is an item event: among the recent items
    assertThat(get(x, 0, Feature.VIEWED)).isZero();
    // CTR of acme0: 1 click / 1 impression, smoothed toward the overall 1/2 with 20 pseudo-impressions
    assertThat(get(x, 0, Feature.CTR)).isCloseTo((float) ((1 + 20 * 0.5) / (1 + 20)), offset(1e-6f));
    // for the query (normalised: "Running  Shoes" == "running shoes"), smoothed toward the item CTR
    double itemCtr = (1 + 20 * 0.5) / 21;
    assertThat(get(x, 0, Feature.QUERY_CTR)).isCloseTo((float) ((1 + 10 * itemCtr) / (1 + 10)), offset(1e-6f));
    assertThat(get(x, 0, Feature.AGE_DAYS)).isCloseTo((float) Math.log1p(9 + 3.0 / DAY), offset(1e-5f));
    assertThat(get(x, 1, Feature.ON_PROMOTION)).isEqualTo(1f);
    assertThat(get(x, 0, Feature.ON_PROMOTION)).isZero();
    assertThat(get(x, 0, Feature.IN_STOCK)).isEqualTo(1f);
    assertThat(get(x, 0, Feature.CHANNEL_WEB)).isEqualTo(1f);
    assertThat(get(x, 0, Feature.CHANNEL_APP)).isZero();

    // personalize=false: every personal feature is 0, the rest unchanged
    float[] anon = f.compute(new RankingContext("running shoes", me, T + 3, Channel.WEB, false), hits);
    for (int r = 0; r < hits.size(); r++) {
      for (Feature ft : Feature.values()) {
        if (ft.personal()) assertThat(get(anon, r, ft)).as(ft.wireName()).isZero();
        else assertThat(get(anon, r, ft)).as(ft.wireName()).isEqualTo(get(x, r, ft));
      }
    }
    f.close();
  }

  @Test
  void intentFallsBackToTheTopBm25HitsForAnUnseenQuery() {
    QueryIntent intent = new QueryIntent(id -> null, 5);
    List<SearchHit> hits = List.of(
        new SearchHit("a", "t", null, null, "Shoes>Running", 1, true, 0, 0, 3, 1, null, 0),
        new SearchHit("b", "t", null, null, "Clothing>Shorts", 1, true, 0, 0, 2, 2, null, 0));
    Map<String, Double> d = intent.distribution("never seen", hits);
    assertThat(d.get("Shoes>Running")).isCloseTo(1 / 1.5, offset(1e-9)); // weights 1/1 and 1/2
    assertThat(d.get("Clothing>Shorts")).isCloseTo(0.5 / 1.5, offset(1e-9));
  }

  @Test
  void explanationsFillTheItemsNames() {
    double[] c = new double[Feature.COUNT];
    c[Feature.USER_BRAND.ordinal()] = 0.9;
    c[Feature.QUERY_CTR.ordinal()] = 0.5;
    c[Feature.USER_PRICE_BAND.ordinal()] = 0.3;
    c[Feature.POPULARITY.ordinal()] = -2; // pushes down: never a reason
    SearchHit h = hit("acme0", "Acme running shoes", "Acme", "shop1", 1, 1, null, 0);
    List<Explanations.Reason> r = Explanations.reasons(c, h, 3, 0.01);
    assertThat(r).extracting(Explanations.Reason::text)
        .containsExactly("you often buy Acme", "popular for this search", "matches your price range");
    assertThat(Explanations.reasons(c, h, 1, 0.01)).hasSize(1);
  }
}
