package io.shopsense.engine.privacy;

import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.api.UserProfileView;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link UserProfileView} a shopper (or a shop's support) sees: removed interests left out. */
public final class ProfileViews {
  private ProfileViews() {}

  public static UserProfileView of(LiveView live, List<IdentityLink> links, CatalogView catalog, boolean knownToModel) {
    UserProfile p = live.profile();
    List<UserProfileView.Alias> aliases = new ArrayList<>();
    for (IdentityLink l : links) {
      aliases.add(new UserProfileView.Alias(l.alias(), l.channel() == null ? null : l.channel().wireName(), l.linked()));
    }
    UserProfileView.Session session = p.session() == null ? null
        : new UserProfileView.Session(p.session().id(), items(p.session().items(), catalog), p.session().start(), p.session().last());
    return new UserProfileView(live.user(), aliases, p.firstSeen(), p.lastSeen(), keep(p.categories(), "category", live),
        keep(p.topCategories(), "category", live), keep(p.brands(), "brand", live), keep(p.shops(), "shop", live),
        keep(p.priceBands(), "price_band", live), items(p.recentItems(), catalog), session, p.channels(), p.eventCounts(),
        p.recentQueries(), List.copyOf(live.removed()), knownToModel);
  }

  private static Map<String, Double> keep(Map<String, Double> m, String kind, LiveView live) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!live.removedInterest(kind, k)) out.put(k, v);
    });
    return out;
  }

  private static List<UserProfileView.RecentItem> items(List<String> ids, CatalogView catalog) {
    List<UserProfileView.RecentItem> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Item it = catalog.item(id);
      out.add(new UserProfileView.RecentItem(id, it == null ? null : it.title(), it == null ? null : it.category()));
    }
    return out;
  }
}
