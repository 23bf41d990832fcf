package io.shopsense.engine.scenario;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.NotFoundException;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.rules.RuleDefaults;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.rules.Scored;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.mf.FactorModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Runs the scenarios: validates the request, builds the {@link Ctx}, asks the scenario for scored
 * candidates (with their fallback tiers), applies the business rules, and turns the result into
 * {@link ResultItem}s with explanations on request. Stateless apart from the {@link Columns} of the
 * current snapshot and catalog view; thread-safe.
 */
public final class ScenarioEngine {
  private final RuleDefaults defaults;
  private final int maxN;
  private volatile Columns columns;

  /** What a request is served with (the variant's settings, the text-neighbour and spend look-ups). */
  public record Serving(ModelSnapshot snap, CatalogView catalog, LiveView live, long now, ScenarioSettings settings,
      Function<Item, List<String>> textNeighbours, ToDoubleFunction<String> promotionSpent) {}

  public ScenarioEngine(Config config) {
    this.defaults = new RuleDefaults(config);
    this.maxN = config.getInt("engine.max_n");
  }

  /** The scored results of a scenario, rules applied, at most {@code n}. */
  public List<ResultItem> recommend(RecommendRequest r, Serving s) {
    if (r.scenario() == null) throw new BadRequestException("scenario", "scenario is required");
    checkN(r.n());
    Scenario sc = r.scenario();
    boolean feed = sc == Scenario.FOR_YOU || sc == Scenario.TRENDING || sc == Scenario.NEW_ARRIVALS;
    Rules rules = r.rules() != null ? r.rules() : defaults.defaults(feed);
    RuleEngine.validate(rules);
    Ctx c = ctx(s, r, rules);
    List<Scored> out;
    switch (sc) {
      case FOR_YOU -> {
        List<Item> items = new ArrayList<>();
        out = RuleEngine.apply(ForYou.candidates(c, items), items, rules, c.catalog(), c.live(), c.n(), true, null);
      }
      case TRENDING -> out = RuleEngine.apply(Feeds.trending(c), rules, c.catalog(), c.live(), c.n(), true, null);
      case NEW_ARRIVALS -> out = RuleEngine.apply(Feeds.newArrivalsScenario(c), rules, c.catalog(), c.live(), c.n(), true, null);
      case SIMILAR -> {
        if (r.item() == null || r.item().isBlank()) throw new BadRequestException("item", "similar needs an item");
        Item anchor = anchorItem(c, r.item());
        out = RuleEngine.apply(Similar.candidates(c, anchor, s.textNeighbours()), rules, c.catalog(), c.live(), c.n(), true,
            id -> id.equals(anchor.id()));
      }
      case BOUGHT_TOGETHER -> {
        if (r.item() != null && !r.item().isBlank()) anchorItem(c, r.item());
        List<String> anchors = BoughtTogether.anchors(c);
        Set<String> ids = new HashSet<>(anchors);
        Set<String> cats = new HashSet<>();
        for (String a : anchors) {
          Item it = c.catalog().item(a);
          if (it != null && it.category() != null) cats.add(it.category());
        }
        Predicate<String> substitute = id -> ids.contains(id) || cats.contains(c.catalog().item(id).category());
        out = RuleEngine.apply(BoughtTogether.candidates(c, anchors), rules, c.catalog(), c.live(), c.n(), true, substitute);
      }
      case BUY_AGAIN -> out = RuleEngine.apply(BuyAgain.candidates(c), rules, c.catalog(), c.live(), c.n(), false, null);
      case SHOPS -> out = Shops.rank(c);
      case PROMOTIONS -> out = Promotions.rank(c, likely(c), s.promotionSpent());
      default -> throw new BadRequestException("scenario", "unknown scenario " + sc);
    }
    return results(sc, out, c, r.explain());
  }

  /** The shopper's likely purchases for promotions: the for-you candidates without rules. */
  private List<Scored> likely(Ctx c) {
    List<Scored> l = new ArrayList<>(ForYou.candidates(c));
    l.sort((x, y) -> Double.compare(y.score(), x.score()));
    return l.size() > 100 ? l.subList(0, 100) : l;
  }

  /** A personalised order of exactly these items. */
  public List<ResultItem> rank(String user, List<String> items, boolean explain, Serving s) {
    if (items == null || items.isEmpty()) throw new BadRequestException("items", "items must be a non-empty list of item ids");
    if (items.size() > 1000) throw new BadRequestException("items", "at most 1000 items can be ranked, got " + items.size());
    List<String> unknown = new ArrayList<>();
    Set<String> distinct = new LinkedHashSet<>();
    for (String id : items) {
      if (id == null || s.catalog().item(id) == null) unknown.add(String.valueOf(id));
      else distinct.add(id);
    }
    if (!unknown.isEmpty()) {
      throw new BadRequestException("items", "unknown item ids: " + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
          + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
    }
    RecommendRequest r = new RecommendRequest(null, user, null, null, distinct.size(), null, explain, null);
    Ctx c = ctx(s, r, defaults.defaults(false));
    return results(null, Ranker.rank(c, new ArrayList<>(distinct)), c, explain);
  }

  private void checkN(int n) {
    if (n < 1 || n > maxN) throw new BadRequestException("n", "n must be between 1 and " + maxN + ", got " + n);
  }

  private Item anchorItem(Ctx c, String id) {
    Item it = c.catalog().item(id);
    if (it == null) throw new NotFoundException("item '" + id + "' is not in the catalog");
    return it;
  }

  private Ctx ctx(Serving s, RecommendRequest r, Rules rules) {
    Columns cols = columns;
    if (cols == null || !cols.isFor(s.snap(), s.catalog())) {
      cols = new Columns(s.snap(), s.catalog());
      columns = cols;
    }
    int row = s.snap().userRow(s.live().user());
    return new Ctx(s.snap(), s.catalog(), cols, s.live(), row, s.now(), r.n(), rules, s.settings(), r);
  }

  private static List<ResultItem> results(Scenario sc, List<Scored> out, Ctx c, boolean explain) {
    List<ResultItem> res = new ArrayList<>(out.size());
    Sources.Anchors anchors = explain && c.live().hasHistory() ? Sources.anchors(c) : null;
    for (Scored scored : out) {
      Scored x = anchors == null ? scored : Explanations.anchored(scored, c.snap(), anchors); // only the shown results
      String source = explain ? x.source() : null;
      String reason = explain ? Explanations.reason(x, c.catalog(), c.live()) : null;
      if (sc == Scenario.SHOPS) {
        Shop sh = c.catalog().shop(x.id());
        res.add(new ResultItem(x.id(), sh == null ? x.id() : sh.name(), null, x.id(), sh == null ? null : sh.category(),
            null, x.score(), source, reason));
      } else if (sc == Scenario.PROMOTIONS) {
        Promotion p = c.catalog().promotion(x.id());
        res.add(new ResultItem(x.id(), p == null ? x.id() : p.title(), p == null ? null : p.discount(), p == null ? null : p.shop(),
            p == null ? null : p.category(), null, x.score(), source, reason));
      } else {
        Item it = c.catalog().item(x.id());
        if (it == null) continue;
        res.add(new ResultItem(it.id(), it.title(), it.price(), it.shop(), it.category(), it.brand(), x.score(), source, reason));
      }
    }
    return res;
  }
}
