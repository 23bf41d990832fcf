package io.shopsense.server.http;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.UserProfileView;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.auth.Access;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read routes of the contract: search, suggestions, the recommendation scenarios, rank, the
 * shopper's profile, the model list, and (an extension) the training progress. Every parameter is
 * validated here before the engine sees it.
 */
public final class ReadRoutes {
  /** Longest id (user, item, ...) accepted in a parameter. */
  static final int MAX_ID = 256;
  /** Longest query text. */
  static final int MAX_QUERY = 256;
  /** Largest page size. */
  static final int MAX_N = 200;
  static final List<String> CHANNELS = List.of("app", "web", "mini");
  static final List<String> SORTS = List.of("relevance", "price_asc", "price_desc", "newest");
  static final List<String> SCENARIOS = Arrays.stream(Scenario.values()).map(Scenario::wireName).toList();

  private final ShopSense engine;
  private final ServerOptions options;

  public ReadRoutes(ShopSense engine, ServerOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    List<RouteSpec> r = new ArrayList<>();
    r.add(new RouteSpec(GET, "/v1/search", Access.SERVING, "Personalized product search", searchParams(),
        null, 200, "Response", List.of(400), this::search));
    r.add(new RouteSpec(GET, "/v1/suggest", Access.SERVING, "Query completion, personalized", List.of(
        ParamDoc.text("q", true, MAX_QUERY, "the prefix typed so far"),
        ParamDoc.text("user", false, MAX_ID, "shopper id or alias"),
        ParamDoc.integer("n", 1, MAX_N, "number of suggestions (default 10)")),
        null, 200, "Suggestions", List.of(400), this::suggest));
    r.add(new RouteSpec(GET, "/v1/recommendations/{scenario}", Access.SERVING, "Recommendations for a scenario",
        recommendParams(), null, 200, "Response", List.of(400, 404, 409), this::recommend));
    r.add(new RouteSpec(POST, "/v1/rank", Access.SERVING, "Personalize the order of a list of item ids",
        List.of(), "RankRequest", 200, "Response", List.of(400, 409, 413, 415), this::rank));
    r.add(new RouteSpec(GET, "/v1/users/{id}/profile", Access.SERVING, "What the engine believes about a shopper",
        List.of(ParamDoc.path("id", "shopper id or alias")), null, 200, "UserProfile", List.of(400, 404, 409),
        this::profile));
    r.add(new RouteSpec(GET, "/v1/models", Access.SERVING, "Model snapshots and their holdout metrics", List.of(),
        null, 200, "Snapshots", List.of(), ctx -> Json.send(ctx, 200, Map.of("snapshots", engine.snapshots()))));
    r.add(new RouteSpec(GET, "/v1/train/progress", Access.SERVING,
        "Progress of the running training (stage, fraction, seconds), or how the last run ended; poll it while "
            + "POST /v1/train runs", List.of(), null, 200, "TrainProgress", List.of(), this::trainProgress));
    return r;
  }

  private void trainProgress(Context ctx) {
    ctx.header("Cache-Control", "no-store"); // polled: every answer is fresh
    Json.send(ctx, 200, engine.trainProgress());
  }

  private static List<ParamDoc> searchParams() {
    return List.of(
        ParamDoc.text("q", true, MAX_QUERY, "query text (any language)"),
        ParamDoc.text("user", false, MAX_ID, "shopper id or alias, for personalization"),
        ParamDoc.integer("n", 1, MAX_N, "page size (default 10)"),
        ParamDoc.integer("page", 0, 10_000, "0-based page; (page + 1) * n is capped by server.max_search_depth"),
        ParamDoc.text("category", false, MAX_ID, "category path prefix, e.g. Shoes>Running"),
        ParamDoc.text("brand", false, MAX_ID, "brand filter"),
        ParamDoc.text("shop", false, MAX_ID, "shop id filter"),
        ParamDoc.number("min_price", 0, "lowest price"),
        ParamDoc.number("max_price", 0, "highest price (not below min_price)"),
        ParamDoc.bool("in_stock", "true: only items in stock"),
        ParamDoc.bool("personalize", "false: the same results for every shopper (default true)"),
        ParamDoc.bool("explain", "true: each result adds source and reason"),
        ParamDoc.oneOf("sort", SORTS, "result order (default relevance)"),
        ParamDoc.oneOf("channel", CHANNELS, "where the shopper is"));
  }

  private static List<ParamDoc> recommendParams() {
    return List.of(
        new ParamDoc("scenario", "path", "string", true, "the scenario", null, null, SCENARIOS),
        ParamDoc.text("user", false, MAX_ID, "shopper id or alias (absent: anonymous)"),
        ParamDoc.text("item", false, MAX_ID, "the item of an item page (required by similar)"),
        ParamDoc.text("cart", false, 50 * (MAX_ID + 1), "comma-separated item ids in the cart (bought-together)"),
        ParamDoc.integer("n", 1, MAX_N, "number of results (default 10)"),
        ParamDoc.oneOf("channel", CHANNELS, "where the shopper is"),
        ParamDoc.bool("explain", "true: each result adds source and reason"),
        ParamDoc.bool("in_stock", "rule: only items in stock (default true)"),
        ParamDoc.text("category", false, MAX_ID, "rule: keep only this category prefix"),
        ParamDoc.text("brand", false, MAX_ID, "rule: keep only this brand"),
        ParamDoc.text("shop", false, MAX_ID, "rule: keep only this shop"),
        ParamDoc.number("min_price", 0, "rule: lowest price"),
        ParamDoc.number("max_price", 0, "rule: highest price (not below min_price)"),
        ParamDoc.bool("exclude_bought", "rule: drop items the shopper bought (default true; buy-again ignores it)"),
        ParamDoc.bool("exclude_recently_shown", "rule: drop items shown to the shopper recently"),
        ParamDoc.text("pin", false, 20 * (MAX_ID + 1), "rule: comma-separated item ids pinned to the top"),
        ParamDoc.text("boost", false, 50 * (MAX_ID + 12), "rule: comma-separated id:factor (>1 boosts, <1 buries)"),
        ParamDoc.integer("max_per_category", 0, MAX_N, "rule: cap per category in the list (0 = none)"),
        ParamDoc.number("max_shop_share", 0.01, 1, "rule: largest share of the list one shop may take"),
        ParamDoc.number("diversity", 0, 1, "rule: MMR trade-off, 0 = relevance only"));
  }

  /** The query parameter names of a parameter list. */
  static Set<String> queryNames(List<ParamDoc> docs) {
    Set<String> s = new LinkedHashSet<>();
    for (ParamDoc d : docs) if (d.in().equals("query")) s.add(d.name());
    return s;
  }

  private static final Set<String> SEARCH = queryNames(searchParams());
  private static final Set<String> RECOMMEND = queryNames(recommendParams());
  private static final Set<String> SUGGEST = Set.of("q", "user", "n");

  private void search(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), SEARCH);
    String q = p.required("q", MAX_QUERY);
    if (q.isBlank()) throw ApiException.badRequest("q", "must not be blank");
    int n = p.intIn("n", 10, 1, MAX_N);
    int page = p.intIn("page", 0, 0, 10_000);
    if ((long) (page + 1) * n > options.maxSearchDepth()) {
      throw ApiException.badRequest("page", "too deep: (page + 1) * n must not exceed " + options.maxSearchDepth());
    }
    Double min = p.number("min_price", 0, Double.MAX_VALUE);
    Double max = p.number("max_price", 0, Double.MAX_VALUE);
    if (min != null && max != null && min > max) throw ApiException.badRequest("max_price", "must not be below min_price");
    SearchRequestParams req = new SearchRequestParams(q, p.string("user", MAX_ID), n, page,
        p.string("category", MAX_ID), p.string("brand", MAX_ID), p.string("shop", MAX_ID), min, max,
        p.boolOrNull("in_stock"), p.bool("personalize", true), p.bool("explain", false),
        p.oneOf("sort", SORTS, "relevance"), p.oneOf("channel", CHANNELS, null));
    Response r = engine.search(req);
    Json.send(ctx, 200, r);
  }

  private void suggest(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), SUGGEST);
    String q = p.required("q", MAX_QUERY);
    int n = p.intIn("n", 10, 1, MAX_N);
    Json.send(ctx, 200, Map.of("suggestions", engine.suggest(q, p.string("user", MAX_ID), n)));
  }

  private void recommend(Context ctx) {
    String name = ctx.pathParam("scenario");
    Scenario sc = Scenario.fromWire(name);
    if (sc == null) {
      throw ApiException.badRequest("scenario", "unknown scenario \"" + Params.shorten(name) + "\" (expected one of "
          + String.join(", ", SCENARIOS) + ")");
    }
    Params p = Params.of(ctx.queryParamMap(), RECOMMEND);
    String item = p.string("item", MAX_ID);
    if (sc == Scenario.SIMILAR && item == null) throw ApiException.badRequest("item", "required by the similar scenario");
    List<String> cart = p.idList("cart", 50, MAX_ID);
    int n = p.intIn("n", 10, 1, MAX_N);
    RecommendRequest req = new RecommendRequest(sc, p.string("user", MAX_ID), item, cart, n,
        p.oneOf("channel", CHANNELS, null), p.bool("explain", false), rules(p));
    Json.send(ctx, 200, engine.recommend(req));
  }

  /** Per-request rules when any rule parameter is given, else null (the saved defaults). */
  private static Rules rules(Params p) {
    Boolean inStock = p.boolOrNull("in_stock");
    String category = p.string("category", MAX_ID);
    String brand = p.string("brand", MAX_ID);
    String shop = p.string("shop", MAX_ID);
    Double min = p.number("min_price", 0, Double.MAX_VALUE);
    Double max = p.number("max_price", 0, Double.MAX_VALUE);
    if (min != null && max != null && min > max) throw ApiException.badRequest("max_price", "must not be below min_price");
    Boolean excludeBought = p.boolOrNull("exclude_bought");
    Boolean excludeShown = p.boolOrNull("exclude_recently_shown");
    List<String> pin = p.idList("pin", 20, MAX_ID);
    Map<String, Double> boost = boosts(p.idList("boost", 50, MAX_ID + 11));
    int maxPerCategory = p.intIn("max_per_category", -1, 0, MAX_N);
    Double shopShare = p.number("max_shop_share", 0.01, 1);
    Double diversity = p.number("diversity", 0, 1);
    boolean any = inStock != null || category != null || brand != null || shop != null || min != null || max != null
        || excludeBought != null || excludeShown != null || !pin.isEmpty() || !boost.isEmpty() || maxPerCategory >= 0
        || shopShare != null || diversity != null;
    if (!any) return null;
    Rules d = Rules.defaults();
    return new Rules(inStock != null ? inStock : d.inStockOnly(),
        category != null ? List.of(category) : d.categories(), brand != null ? List.of(brand) : d.brands(),
        shop != null ? List.of(shop) : d.shops(), min != null ? min : d.minPrice(), max != null ? max : d.maxPrice(),
        excludeBought != null ? excludeBought : d.excludeBought(),
        excludeShown != null ? excludeShown : d.excludeRecentlyShown(), boost.isEmpty() ? d.boost() : boost,
        pin.isEmpty() ? d.pin() : pin, maxPerCategory >= 0 ? maxPerCategory : d.maxPerCategory(),
        shopShare != null ? shopShare : d.maxShopShare(), diversity != null ? diversity : d.diversity());
  }

  private static Map<String, Double> boosts(List<String> specs) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String s : specs) {
      int colon = s.lastIndexOf(':');
      double f;
      try {
        if (colon <= 0) throw new NumberFormatException();
        f = Double.parseDouble(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("boost", "expected id:factor, got \"" + Params.shorten(s) + "\"");
      }
      if (!(f >= 0) || f > 1000) throw ApiException.badRequest("boost", "factor must be between 0 and 1000");
      out.put(s.substring(0, colon), f);
    }
    return out;
  }

  private static final Set<String> RANK_FIELDS = Set.of("user", "items", "explain");

  private void rank(Context ctx) {
    ObjectNode body = Bodies.object(Bodies.read(ctx, options.maxBodyBytes()), RANK_FIELDS);
    String user = Bodies.string(body, "user", "user", false, MAX_ID);
    List<String> items = Bodies.ids(body, "items", options.maxBatch(), MAX_ID);
    boolean explain = Bodies.bool(body, "explain", "explain", false);
    Json.send(ctx, 200, engine.rank(user, items, explain));
  }

  private void profile(Context ctx) {
    String id = UserRoutes.pathId(ctx, "id");
    UserProfileView v = engine.profile(id)
        .orElseThrow(() -> new ApiException(404, "id", "no profile for shopper \"" + Params.shorten(id) + "\""));
    Json.send(ctx, 200, v);
  }
}
