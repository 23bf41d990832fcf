package io.shopsense.engine.search;

import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.live.LiveView;
import io.shopsense.search.SearchHit;
import io.shopsense.search.rank.Explanations;
import io.shopsense.search.rank.Feature;
import io.shopsense.search.rank.PersonalizedRanker;
import io.shopsense.search.rank.RankingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The learned re-ranker ({@link PersonalizedRanker}: LambdaMART, or the fitted linear ranker before
 * there are enough logged searches; see {@code io.shopsense.search.rank.RankerTrainer}) behind the
 * engine's {@link Reranker} seam. Interests the shopper removed are taken out of the profile before
 * the features are computed, so they count 0 as in {@link LinearReranker}. Reasons come from the
 * ranker's per-feature contributions (SHAP values for LambdaMART) for the first
 * {@code explainTop} results; the source is the strongest contribution's kind.
 */
public final class LearnedReranker implements Reranker {
  private final PersonalizedRanker ranker;
  private final LongSupplier now;
  private final int explainTop;

  /**
   * @param now the request time (item age, running promotions), e.g. the engine clock
   * @param explainTop how many of the first results get reasons (explanations cost one SHAP pass each)
   */
  public LearnedReranker(PersonalizedRanker ranker, LongSupplier now, int explainTop) {
    this.ranker = ranker;
    this.now = now;
    this.explainTop = explainTop;
  }

  @Override
  public List<Reranked> rerank(String query, List<SearchHit> hits, Context ctx) {
    UserProfile p = ctx.live() == null ? null : withoutRemoved(ctx.live());
    RankingContext rc = new RankingContext(query, p, now.getAsLong(), null, true);
    List<PersonalizedRanker.RankedHit> all = ranker.rerank(rc, hits, hits.size(), explainTop);
    List<Reranked> out = new ArrayList<>(all.size());
    for (PersonalizedRanker.RankedHit h : all) {
      List<Explanations.Reason> why = h.reasons();
      String source = why.isEmpty() ? "search" : source(why.get(0).feature());
      out.add(new Reranked(h.hit(), h.score(), source, why.isEmpty() ? "matches your query" : Explanations.text(why)));
    }
    return out;
  }

  /** The engine's source names for the features. */
  static String source(Feature f) {
    return switch (f) {
      case USER_CATEGORY, USER_TOP_CATEGORY -> "category";
      case USER_BRAND -> "brand";
      case USER_SHOP -> "shop";
      case USER_PRICE_BAND -> "price_band";
      case COLLABORATIVE, VIEWED, BOUGHT -> "collaborative";
      case POPULARITY, CTR, CONVERSION, QUERY_CTR, QUERY_CONVERSION, RATING -> "popular";
      default -> "search";
    };
  }

  private static UserProfile withoutRemoved(LiveView live) {
    UserProfile p = live.profile();
    if (live.removed().isEmpty()) return p;
    return new UserProfile(p.user(), p.firstSeen(), p.lastSeen(), keep(live, "category", p.categories()),
        keep(live, "category", p.topCategories()), keep(live, "brand", p.brands()), keep(live, "shop", p.shops()),
        keep(live, "price_band", p.priceBands()), p.recentItems(), p.session(), p.channels(), p.eventCounts(),
        p.purchases(), p.recentQueries());
  }

  private static Map<String, Double> keep(LiveView live, String kind, Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!live.removedInterest(kind, k)) out.put(k, v);
    });
    return out;
  }
}
