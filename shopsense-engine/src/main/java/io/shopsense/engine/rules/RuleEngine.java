package io.shopsense.engine.rules;

import io.shopsense.core.model.Item;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * Business rules over scored items, in this order: filters (in stock, category prefix, brand,
 * shop, price range, already bought, recently shown, scenario exclusions), boost/bury multipliers,
 * pins on top (in their order, if the item exists), then a greedy selection that respects the
 * maximum per leaf category and the maximum share per shop, and, with {@code diversity} λ &gt; 0,
 * maximal marginal relevance (Carbonell and Goldstein, "The use of MMR, diversity-based reranking
 * for reordering documents and producing summaries", SIGIR 1998): the next item maximises
 * {@code (1 - λ) rel(i) - λ max_{j chosen} sim(i, j)}, with rel = max(0, 1 - rank / 5n) (rank, not score,
 * so lists blended from tiers of different scales behave the same) and
 * sim 1 for the same leaf category, 0.5 for the same top-level category, plus 0.3 for the same brand
 * (capped at 1). O(n x candidates) with incremental max-similarity.
 */
public final class RuleEngine {
  /** Candidates considered by the selection (the rest rank too low to matter). */
  private static final int MAX_POOL = 3000;
  private RuleEngine() {}

  /** Rejects rules no list can satisfy, naming the field. */
  public static void validate(Rules r) {
    if (!(r.diversity() >= 0 && r.diversity() <= 1)) throw new BadRequestException("rules.diversity", "diversity must be between 0 and 1, got " + r.diversity());
    if (!(r.maxShopShare() > 0 && r.maxShopShare() <= 1)) {
      throw new BadRequestException("rules.max_shop_share", "max_shop_share must be in (0, 1], got " + r.maxShopShare());
    }
    if (r.maxPerCategory() < 0) throw new BadRequestException("rules.max_per_category", "max_per_category must be >= 0, got " + r.maxPerCategory());
    if (r.minPrice() != null && r.maxPrice() != null && r.minPrice() > r.maxPrice()) {
      throw new BadRequestException("rules.min_price", "min_price " + r.minPrice() + " is above max_price " + r.maxPrice());
    }
    for (var e : r.boost().entrySet()) {
      if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
        throw new BadRequestException("rules.boost", "boost of " + e.getKey() + " must be a positive number, got " + e.getValue());
      }
    }
  }

  /** True when the item passes the rules' filters (not the caps). */
  public static boolean accepts(Item it, Rules r, LiveView live, boolean excludeBought) {
    if (it == null || !passesFilters(it, r)) return false;
    if (excludeBought && r.excludeBought() && live.profile().hasPurchased(it.id())) return false;
    if (r.excludeRecentlyShown() && live.shown().contains(it.id())) return false;
    return true;
  }

  /**
   * True when the item passes the filters that depend on the item alone (in stock, category, brand,
   * shop, price), the same for every shopper; {@link #accepts} adds the shopper's exclusions.
   */
  public static boolean passesFilters(Item it, Rules r) {
    if (r.inStockOnly() && !it.inStock()) return false;
    if (!r.categories().isEmpty() && r.categories().stream().noneMatch(c -> within(it.category(), c))) return false;
    if (!r.brands().isEmpty() && (it.brand() == null || r.brands().stream().noneMatch(b -> b.equalsIgnoreCase(it.brand())))) return false;
    if (!r.shops().isEmpty() && !r.shops().contains(it.shop())) return false;
    if (r.minPrice() != null && it.price() < r.minPrice()) return false;
    if (r.maxPrice() != null && it.price() > r.maxPrice()) return false;
    return true;
  }

  /** True when the category path is the prefix or lies under it. */
  public static boolean within(String category, String prefix) {
    if (category == null || prefix == null) return false;
    String p = prefix.strip();
    return category.equals(p) || category.startsWith(p + ">");
  }

  /**
   * Applies the rules and returns at most n items, best first.
   *
   * @param candidates scored items in any order (duplicates keep their best score)
   * @param excludeBought whether the scenario honours {@code exclude_bought} (buy-again does not)
   * @param exclude scenario exclusions (the anchor item, the cart), may be null
   */
  public static List<Scored> apply(List<Scored> candidates, Rules r, CatalogView catalog, LiveView live, int n,
      boolean excludeBought, Predicate<String> exclude) {
    return apply(candidates, null, r, catalog, live, n, excludeBought, exclude);
  }

  /**
   * As {@link #apply(List, Rules, CatalogView, LiveView, int, boolean, Predicate)}, with the catalog
   * item of each candidate when the caller has it ({@code items} parallel to {@code candidates}, an
   * entry or the whole list may be null): no look-up by id for those.
   */
  public static List<Scored> apply(List<Scored> candidates, List<Item> items, Rules r, CatalogView catalog, LiveView live,
      int n, boolean excludeBought, Predicate<String> exclude) {
    Map<String, Candidate> best = new HashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      Scored s = candidates.get(i);
      if (exclude != null && exclude.test(s.id())) continue;
      Item given = items == null ? null : items.get(i);
      Item it = given != null ? given : catalog.item(s.id());
      if (!accepts(it, r, live, excludeBought)) continue;
      double b = r.boost().getOrDefault(s.id(), 1.0);
      Scored x = b == 1.0 ? s : s.withScore(s.score() * b);
      Candidate kept = best.get(s.id()); // duplicates keep their best score (the first of equals)
      if (kept == null || !(kept.score() >= x.score())) best.put(s.id(), new Candidate(x, it, x.score()));
    }
    List<Candidate> pool = new ArrayList<>(best.values());
    pool.sort(BEST_FIRST);
    List<Scored> out = new ArrayList<>(n);
    Set<String> chosen = new HashSet<>();
    double top = pool.isEmpty() ? 1 : pool.get(0).score();
    for (String p : r.pin()) {
      Item it = catalog.item(p);
      if (it == null || out.size() >= n || chosen.contains(p) || (r.inStockOnly() && !it.inStock())) continue;
      out.add(new Scored(p, top + 1 + (r.pin().size() - out.size()), "pinned", null));
      chosen.add(p);
    }
    pool.removeIf(c -> chosen.contains(c.scored().id()));
    select(pool, r, catalog, n, out);
    return out;
  }

  /** A candidate that passed the filters, with its catalog item (looked up once) and its score. */
  private record Candidate(Scored scored, Item item, double score) {}

  /** Score descending, then id (a plain comparator: this sort runs over every candidate of every request). */
  private static final Comparator<Candidate> BEST_FIRST = (a, b) -> {
    int c = Double.compare(b.score, a.score);
    return c != 0 ? c : a.scored.id().compareTo(b.scored.id());
  };

  private static void select(List<Candidate> pool, Rules r, CatalogView catalog, int n, List<Scored> out) {
    int perShop = r.maxShopShare() >= 1 ? Integer.MAX_VALUE : Math.max(1, (int) Math.floor(r.maxShopShare() * n));
    int perCat = r.maxPerCategory() <= 0 ? Integer.MAX_VALUE : r.maxPerCategory();
    int size = Math.min(pool.size(), MAX_POOL);
    // dense codes per candidate, so the caps and the similarity are int compares (no string work in the loops);
    // one map per kind, codes from 1 (0 is null)
    Map<String, Integer> shops = new HashMap<>(), cats = new HashMap<>(), tops = new HashMap<>(), brands = new HashMap<>();
    // the top level of each category and the lower case of each brand, derived once per distinct value
    Map<String, Integer> topOfCategory = new HashMap<>(), brandAsWritten = new HashMap<>();
    int[] shop = new int[size], cat = new int[size], top = new int[size], brand = new int[size];
    for (int i = 0; i < size; i++) {
      Item it = pool.get(i).item();
      shop[i] = code(shops, it.shop());
      cat[i] = code(cats, it.category());
      top[i] = derived(topOfCategory, it.category(), tops, it, Item::topCategory);
      brand[i] = derived(brandAsWritten, it.brand(), brands, it, RuleEngine::lowerBrand);
    }
    int[] shopCount = new int[shops.size() + 1];
    int[] catCount = new int[cats.size() + 1];
    for (Scored s : out) { // pinned items count towards the caps
      Item it = catalog.item(s.id());
      Integer sc = it.shop() == null ? null : shops.get(it.shop());
      Integer cc = it.category() == null ? null : cats.get(it.category());
      if (sc != null) shopCount[sc]++;
      if (cc != null) catCount[cc]++;
    }
    double lambda = r.diversity();
    double relScale = Math.max(10, 5.0 * n); // rel falls from 1 to 0 over the first 5n candidates
    double[] maxSim = new double[size];
    boolean[] used = new boolean[size];
    if (lambda > 0) {
      for (Scored s : out) {
        Item it = catalog.item(s.id());
        updateSim(used, maxSim, cat, top, brand, known(cats, it.category()), known(tops, it.topCategory()),
            known(brands, lowerBrand(it)));
      }
    }
    while (out.size() < n) {
      int pick = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < size; i++) {
        if (used[i]) continue;
        if (shopCount[shop[i]] >= perShop || catCount[cat[i]] >= perCat) {
          used[i] = true; // caps only tighten: it can never be taken
          continue;
        }
        if (lambda == 0) {
          pick = i;
          break;
        }
        double rel = Math.max(0, 1 - i / relScale);
        double v = (1 - lambda) * rel - lambda * maxSim[i];
        if (v > bestValue) {
          bestValue = v;
          pick = i;
        }
      }
      if (pick < 0) break;
      used[pick] = true;
      out.add(pool.get(pick).scored());
      shopCount[shop[pick]]++;
      catCount[cat[pick]]++;
      if (lambda > 0) updateSim(used, maxSim, cat, top, brand, cat[pick], top[pick], brand[pick]);
    }
  }

  /** A dense code of a value (0 for null: nulls never match each other). */
  private static int code(Map<String, Integer> codes, String value) {
    if (value == null) return 0;
    Integer c = codes.get(value);
    if (c == null) codes.put(value, c = codes.size() + 1);
    return c;
  }

  /** The code of a value derived from {@code key} (a category's top level, a brand's lower case), derived once per key. */
  private static int derived(Map<String, Integer> byKey, String key, Map<String, Integer> codes, Item it, Function<Item, String> value) {
    if (key == null) return code(codes, value.apply(it));
    Integer c = byKey.get(key);
    if (c == null) byKey.put(key, c = code(codes, value.apply(it)));
    return c;
  }

  /** The code of a value seen among the candidates, else -1 (matches none). */
  private static int known(Map<String, Integer> codes, String value) {
    Integer c = value == null ? null : codes.get(value);
    return c == null ? -1 : c;
  }

  private static String lowerBrand(Item it) {
    return it.brand() == null ? null : it.brand().toLowerCase(Locale.ROOT);
  }

  private static void updateSim(boolean[] used, double[] maxSim, int[] cat, int[] top, int[] brand, int c, int t, int b) {
    for (int i = 0; i < maxSim.length; i++) {
      if (used[i]) continue;
      double s = c > 0 && cat[i] == c ? 1 : t > 0 && top[i] == t ? 0.5 : 0;
      if (b > 0 && brand[i] == b) s += 0.3;
      if (s > maxSim[i]) maxSim[i] = Math.min(1, s);
    }
  }
}
