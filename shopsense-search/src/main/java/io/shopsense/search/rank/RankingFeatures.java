package io.shopsense.search.rank;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.search.SearchHit;
import io.shopsense.search.analysis.ShopAnalyzer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Computes the {@link Feature} vector of each candidate of a search: row-major, {@link Feature#COUNT}
 * floats per candidate, candidates in retrieval (hybrid) order. The same code serves training (with
 * the profile and statistics as they were when the logged search happened) and serving, so the
 * model sees identical features in both. O(candidates x (1 + query terms)) per request plus the
 * collaborative scorer; title terms are analysed once per distinct title and cached. Thread-safe
 * once the statistics stop changing.
 */
public final class RankingFeatures implements AutoCloseable {
  private static final double DAY_MS = 86_400_000.0;
  /** Age of an item with an unknown creation time: old enough to carry no novelty. */
  private static final float UNKNOWN_AGE = (float) Math.log1p(365);
  private static final int TITLE_CACHE_MAX = 500_000;

  private final ItemStats stats;
  private final QueryIntent intent;
  private final PriceBands bands;
  private final Promotions promotions;
  private final CollaborativeScores collaborative;
  private final Function<String, Item> catalog;
  /** The index-time analyzer, so title match sees the words BM25 sees. */
  private final ShopAnalyzer analyzer = new ShopAnalyzer();
  private final Map<String, Set<String>> titleTerms = new ConcurrentHashMap<>();

  /**
   * @param collaborative null when there is no collaborative model (the feature is then 0)
   * @param catalog items by id, for what the shopper's recent items were (null: the in-category
   *     brand and price features are 0)
   */
  public RankingFeatures(ItemStats stats, QueryIntent intent, PriceBands bands, Promotions promotions,
      CollaborativeScores collaborative, Function<String, Item> catalog) {
    this.stats = stats;
    this.intent = intent;
    this.bands = bands;
    this.promotions = promotions;
    this.collaborative = collaborative;
    this.catalog = catalog;
  }

  public ItemStats stats() {
    return stats;
  }

  public QueryIntent intent() {
    return intent;
  }

  /** The same statistics with another collaborative scorer (the held-out or serving model). */
  public RankingFeatures withCollaborative(CollaborativeScores other) {
    return new RankingFeatures(stats, intent, bands, promotions, other, catalog);
  }

  @Override
  public void close() {
    analyzer.close();
  }

  /** The feature rows of the hits, in their order. */
  public float[] compute(RankingContext ctx, List<SearchHit> hits) {
    int n = hits.size();
    int f = Feature.COUNT;
    float[] x = new float[n * f];
    if (n == 0) return x;
    String qk = QueryKey.of(ctx.query());
    Set<String> qTerms = new HashSet<>(analyzer.terms(ctx.query()));
    Map<String, Double> cats = intent.distribution(qk, hits);
    Map<String, Double> tops = new java.util.HashMap<>();
    cats.forEach((c, p) -> tops.merge(top(c), p, Double::sum));
    UserProfile p = ctx.personalize() ? ctx.profile() : null;
    Shares share = p == null ? null : new Shares(p);
    Map<String, RecentInCategory> recent = p == null || catalog == null ? Map.of() : RecentInCategory.of(p, catalog);
    float[] collab = new float[n];
    if (p != null && collaborative != null) collaborative.score(p, hits, collab);
    for (int i = 0; i < n; i++) {
      SearchHit h = hits.get(i);
      int o = i * f;
      String top = top(h.category());
      x[o + Feature.BM25.ordinal()] = (float) h.bm25Score();
      x[o + Feature.VECTOR_SIM.ordinal()] = h.vectorSimilarity() == null ? 0f : h.vectorSimilarity().floatValue();
      x[o + Feature.RETRIEVAL_RANK.ordinal()] = (float) (1 / (Math.log(2 + i) / Math.log(2)));
      x[o + Feature.TITLE_MATCH.ordinal()] = titleMatch(qTerms, h.title());
      x[o + Feature.INTENT_CATEGORY.ordinal()] = h.category() == null ? 0f : cats.getOrDefault(h.category(), 0.0).floatValue();
      x[o + Feature.INTENT_TOP_CATEGORY.ordinal()] = top == null ? 0f : tops.getOrDefault(top, 0.0).floatValue();
      if (share != null) {
        x[o + Feature.USER_CATEGORY.ordinal()] = share.of(p.categories(), share.categories, h.category());
        x[o + Feature.USER_TOP_CATEGORY.ordinal()] = share.of(p.topCategories(), share.tops, top);
        x[o + Feature.USER_BRAND.ordinal()] = share.of(p.brands(), share.brands, h.brand());
        x[o + Feature.USER_SHOP.ordinal()] = share.of(p.shops(), share.shops, h.shop());
        x[o + Feature.USER_PRICE_BAND.ordinal()] = share.of(p.priceBands(), share.bands, bands.band(top, h.price()));
        RecentInCategory rc = top == null ? null : recent.get(top);
        if (rc != null) {
          Integer nb = h.brand() == null ? null : rc.brands.get(h.brand());
          x[o + Feature.USER_BRAND_IN_CATEGORY.ordinal()] = nb == null ? 0f : (float) nb / rc.items;
          if (rc.priced > 0 && h.price() > 0) {
            double d = Math.log(h.price()) - rc.logPrice / rc.priced;
            x[o + Feature.USER_PRICE_IN_CATEGORY.ordinal()] = (float) Math.exp(-d * d / 0.5);
          }
        }
        x[o + Feature.COLLABORATIVE.ordinal()] = collab[i];
        x[o + Feature.VIEWED.ordinal()] = share.recent.contains(h.id()) ? 1f : 0f;
        x[o + Feature.BOUGHT.ordinal()] = p.hasPurchased(h.id()) ? 1f : 0f;
        x[o + Feature.CHANNEL_APP.ordinal()] = ctx.channel() == Channel.APP ? 1f : 0f;
        x[o + Feature.CHANNEL_WEB.ordinal()] = ctx.channel() == Channel.WEB ? 1f : 0f;
        x[o + Feature.CHANNEL_MINI.ordinal()] = ctx.channel() == Channel.MINI ? 1f : 0f;
      }
      x[o + Feature.POPULARITY.ordinal()] = (float) stats.popularity(h.id());
      x[o + Feature.CTR.ordinal()] = (float) stats.ctr(h.id());
      x[o + Feature.CONVERSION.ordinal()] = (float) stats.conversion(h.id());
      x[o + Feature.QUERY_CTR.ordinal()] = (float) stats.queryCtr(qk, h.id());
      x[o + Feature.QUERY_CONVERSION.ordinal()] = (float) stats.queryConversion(qk, h.id());
      x[o + Feature.AGE_DAYS.ordinal()] = h.created() <= 0 ? UNKNOWN_AGE
          : (float) Math.log1p(Math.max(0, ctx.time() - h.created()) / DAY_MS);
      x[o + Feature.RATING.ordinal()] = (float) stats.rating(h.id());
      x[o + Feature.ON_PROMOTION.ordinal()] = promotions.covers(h.shop(), h.category(), ctx.time()) ? 1f : 0f;
      x[o + Feature.IN_STOCK.ordinal()] = h.inStock() ? 1f : 0f;
    }
    return x;
  }

  private float titleMatch(Set<String> qTerms, String title) {
    if (qTerms.isEmpty() || title == null) return 0f;
    Set<String> t = titleTerms.get(title);
    if (t == null) {
      if (titleTerms.size() > TITLE_CACHE_MAX) titleTerms.clear(); // a bound for ever-changing catalogs
      t = new HashSet<>(analyzer.terms(title));
      titleTerms.put(title, t);
    }
    int m = 0;
    for (String q : qTerms) if (t.contains(q)) m++;
    return (float) m / qTerms.size();
  }

  static String top(String category) {
    if (category == null || category.isEmpty()) return null;
    int gt = category.indexOf('>');
    return gt < 0 ? category : category.substring(0, gt);
  }

  /** What the shopper's recent items of one top-level category were: brands and mean log price. */
  private static final class RecentInCategory {
    final Map<String, Integer> brands = new java.util.HashMap<>();
    int items;
    int priced;
    double logPrice;

    static Map<String, RecentInCategory> of(UserProfile p, Function<String, Item> catalog) {
      Map<String, RecentInCategory> out = new java.util.HashMap<>();
      for (String id : p.recentItems()) {
        Item it = catalog.apply(id);
        if (it == null || it.topCategory() == null) continue;
        RecentInCategory r = out.computeIfAbsent(it.topCategory(), k -> new RecentInCategory());
        r.items++;
        if (it.brand() != null) r.brands.merge(it.brand(), 1, Integer::sum);
        if (it.price() > 0) {
          r.priced++;
          r.logPrice += Math.log(it.price());
        }
      }
      return out;
    }
  }

  /**
   * A shopper's strongest affinity of each kind, so each affinity reads relative to the shopper's
   * favourite (1 = their top brand, category, ...): per-user normalisation that keeps a clear "this is
   * what they like most" signal whether they shop one category or ten.
   */
  private static final class Shares {
    final double categories;
    final double tops;
    final double brands;
    final double shops;
    final double bands;
    final Set<String> recent;

    Shares(UserProfile p) {
      recent = new HashSet<>(p.recentItems());
      categories = max(p.categories());
      tops = max(p.topCategories());
      brands = max(p.brands());
      shops = max(p.shops());
      bands = max(p.priceBands());
    }

    float of(Map<String, Double> affinities, double total, String key) {
      if (key == null || total <= 0) return 0f;
      Double v = affinities.get(key);
      return v == null ? 0f : (float) (v / total);
    }

    private static double max(Map<String, Double> m) {
      double s = 0;
      for (double v : m.values()) s = Math.max(s, v);
      return s;
    }
  }
}
