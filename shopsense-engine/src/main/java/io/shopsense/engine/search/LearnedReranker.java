package io.shopsense.engine.search;

import io.shopsense.core.model.Channel;
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

/**
 * The engine's search re-ranking: the search module's {@link PersonalizedRanker} (LambdaMART, or the
 * linear ranker before there are enough logged searches; trained with the snapshot, see
 * {@code io.shopsense.engine.snapshot.SearchTraining}) over the shopper's live profile, so features,
 * explanations and {@code personalize=false} are those of {@code evaluate --task search}. Interests
 * the shopper removed are taken out of the profile before the features are computed, so they count
 * 0. Without a shopper (anonymous, or {@code personalize=false}) every personal feature is 0 and the
 * order is the same for everyone. Reasons come from the ranker's per-feature contributions (SHAP
 * values for LambdaMART) for the first {@code explainTop} results; the source is the strongest
 * contribution's kind. Thread-safe.
 */
public final class LearnedReranker {
  /**
   * One re-ranked hit.
   *
   * @param source the dominant signal ({@code search}, {@code category}, {@code brand}, ...)
   * @param reason that signal in words
   */
  public record Reranked(SearchHit hit, double score, String source, String reason) {}

  private final PersonalizedRanker ranker;

  public LearnedReranker(PersonalizedRanker ranker) {
    this.ranker = ranker;
  }

  public PersonalizedRanker ranker() {
    return ranker;
  }

  /**
   * The best {@code n} hits in the ranker's order.
   *
   * @param live the shopper's live state, or null to rank without personal features
   * @param channel the request's channel, or null
   * @param now the request time (item age, running promotions)
   * @param explainTop how many of the first results get reasons (one contribution pass each)
   */
  public List<Reranked> rerank(String query, List<SearchHit> hits, LiveView live, Channel channel, long now, int n,
      int explainTop) {
    UserProfile p = live == null ? null : withoutRemoved(live);
    RankingContext rc = new RankingContext(query, p, now, channel, p != null);
    List<PersonalizedRanker.RankedHit> top = ranker.rerank(rc, hits, n, explainTop);
    List<Reranked> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      PersonalizedRanker.RankedHit h = top.get(i);
      List<Explanations.Reason> why = h.reasons();
      String reason = i >= explainTop ? null : why.isEmpty() ? retrievalReason(h.hit()) : Explanations.text(why);
      String source = i >= explainTop ? null : why.isEmpty() ? "search" : source(why.get(0).feature());
      out.add(new Reranked(h.hit(), h.score(), source, reason));
    }
    return out;
  }

  /** Why retrieval found a hit, for results no ranker feature speaks for. */
  static String retrievalReason(SearchHit h) {
    if (h.bm25Rank() > 0 && h.vectorRank() > 0) return "matches the words and the meaning of your query";
    if (h.vectorRank() > 0) return "close in meaning to your query";
    return "matches the words of your query";
  }

  /** The engine's source names for the features. */
  static String source(Feature f) {
    return switch (f) {
      case USER_CATEGORY, USER_TOP_CATEGORY -> "category";
      case USER_BRAND, USER_BRAND_IN_CATEGORY -> "brand";
      case USER_SHOP -> "shop";
      case USER_PRICE_BAND, USER_PRICE_IN_CATEGORY -> "price_band";
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
