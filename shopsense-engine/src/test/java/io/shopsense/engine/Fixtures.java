package io.shopsense.engine;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.api.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers over an open engine for the tests. */
final class Fixtures {
  private Fixtures() {}

  /** Every shopper id that has events, in first-seen order. */
  static List<String> users(ShopSense s) {
    Set<String> u = new LinkedHashSet<>();
    s.internals().store().forEachEvent(e -> u.add(e.user()));
    return new ArrayList<>(u);
  }

  static UserProfile profile(ShopSense s, String user) {
    Engine e = s.internals();
    return e.live().view(user, e.clock().now()).profile();
  }

  static Response recommend(ShopSense s, Scenario sc, String user, String item, int n, boolean explain) {
    return s.recommend(new RecommendRequest(sc, user, item, List.of(), n, null, explain, null));
  }

  static Response recommend(ShopSense s, Scenario sc, String user, int n, Rules rules) {
    return s.recommend(new RecommendRequest(sc, user, null, List.of(), n, null, false, rules));
  }

  static List<String> ids(Response r) {
    return r.results().stream().map(ResultItem::id).toList();
  }

  static Item item(ShopSense s, String id) {
    return s.internals().catalog().item(id);
  }

  static Event event(String user, EventType type, String item, long time) {
    return Event.of(user, type, item, time);
  }

  /** Rules like the saved defaults but with the given caps and diversity. */
  static Rules rules(int maxPerCategory, double maxShopShare, double diversity) {
    return new Rules(true, List.of(), List.of(), List.of(), null, null, true, false, Map.of(), List.of(), maxPerCategory,
        maxShopShare, diversity);
  }
}
