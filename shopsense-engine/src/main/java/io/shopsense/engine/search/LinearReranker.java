package io.shopsense.engine.search;

import io.shopsense.core.config.Config;
import io.shopsense.engine.live.LiveView;
import io.shopsense.recommend.Params;
import io.shopsense.search.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * A transparent linear ranker: {@code score = w_r retrieval + w_c category + w_b brand + w_s shop +
 * w_p price band + w_cf collaborative + w_pop popularity}, every feature in [0, 1]: retrieval is
 * {@code 1 - rank / candidates} (rank, so BM25, vector and fused scores behave alike), affinities
 * are the live profile's divided by the shopper's strongest of that kind (removed interests count
 * 0), collaborative and popularity are divided by their maximum over the candidates. Weights are
 * the {@code rerank.weight.*} keys. It serves until a learned ranker has enough logged sessions;
 * its explanation is the largest personal contribution in words.
 */
public final class LinearReranker implements Reranker {
  private final double wr, wc, wb, ws, wp, wcf, wpop;

  public LinearReranker(Config c) {
    wr = w(c, "rerank.weight.retrieval");
    wc = w(c, "rerank.weight.category");
    wb = w(c, "rerank.weight.brand");
    ws = w(c, "rerank.weight.shop");
    wp = w(c, "rerank.weight.price_band");
    wcf = w(c, "rerank.weight.collaborative");
    wpop = w(c, "rerank.weight.popularity");
  }

  private static double w(Config c, String key) {
    return Params.doubleIn(c, key, 0, 100);
  }

  @Override
  public List<Reranked> rerank(String query, List<SearchHit> hits, Context ctx) {
    LiveView live = ctx.live();
    double mc = live.maxAffinity("category"), mb = live.maxAffinity("brand"), ms = live.maxAffinity("shop"),
        mp = live.maxAffinity("price_band");
    int n = hits.size();
    int[] cols = new int[n];
    double maxCf = 0, maxPop = 0;
    float[] pop = ctx.snap().stats().popularity();
    for (int i = 0; i < n; i++) {
      cols[i] = ctx.snap().itemIndex(hits.get(i).id());
      if (cols[i] < 0) continue;
      if (ctx.collaborative() != null) maxCf = Math.max(maxCf, ctx.collaborative()[cols[i]]);
      maxPop = Math.max(maxPop, Math.log1p(pop[cols[i]]));
    }
    List<Reranked> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SearchHit h = hits.get(i);
      double retrieval = 1 - (double) i / n;
      double cat = mc > 0 ? live.affinity("category", h.category()) / mc : 0;
      double brand = mb > 0 ? live.affinity("brand", h.brand()) / mb : 0;
      double shop = ms > 0 ? live.affinity("shop", h.shop()) / ms : 0;
      var item = ctx.catalog().item(h.id());
      String bandName = item == null ? null : ctx.catalog().priceBands().band(item);
      double band = mp > 0 && bandName != null ? live.affinity("price_band", bandName) / mp : 0;
      double cf = maxCf > 0 && cols[i] >= 0 ? Math.max(0, ctx.collaborative()[cols[i]]) / maxCf : 0;
      double p = maxPop > 0 && cols[i] >= 0 ? Math.log1p(pop[cols[i]]) / maxPop : 0;
      double[] parts = {wc * cat, wb * brand, ws * shop, wp * band, wcf * cf, wpop * p};
      String[] sources = {"category", "brand", "shop", "price_band", "collaborative", "popular"};
      int best = -1;
      for (int k = 0; k < parts.length; k++) if (parts[k] > 0.01 && (best < 0 || parts[k] > parts[best])) best = k;
      double score = wr * retrieval;
      for (double x : parts) score += x;
      String source = best < 0 ? "search" : sources[best];
      out.add(new Reranked(h, score, source, reason(source, h)));
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  private static String reason(String source, SearchHit h) {
    return switch (source) {
      case "category" -> "matches your interest in " + leaf(h.category());
      case "brand" -> "you often buy " + h.brand();
      case "shop" -> "from a shop you like";
      case "price_band" -> "in your usual price range";
      case "collaborative" -> "picked for you from what you browse and buy";
      case "popular" -> "popular for this query";
      default -> "matches your query";
    };
  }

  static String leaf(String category) {
    if (category == null) return "this category";
    int i = category.lastIndexOf('>');
    return i < 0 ? category : category.substring(i + 1);
  }
}
