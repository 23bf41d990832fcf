package io.shopsense.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What the engine believes about one shopper, for {@code GET /v1/users/{id}/profile}. Affinities
 * iterate strongest first and are valid at {@code lastSeen}; interests the shopper removed are
 * absent from them and listed in {@code removed} as {@code kind:value}.
 *
 * @param user the shopper id (aliases resolved)
 * @param aliases identities linked to the shopper
 * @param knownToModel true when the current snapshot has a row for the shopper (else live fold-in serves them)
 */
public record UserProfileView(String user, List<Alias> aliases, long firstSeen, long lastSeen,
    Map<String, Double> categories, Map<String, Double> topCategories, Map<String, Double> brands,
    Map<String, Double> shops, Map<String, Double> priceBands, List<RecentItem> recentItems, Session session,
    Map<String, Long> channels, Map<String, Long> eventCounts, List<String> recentQueries, List<String> removed,
    boolean knownToModel) {

  /** A linked identity. */
  public record Alias(String alias, String channel, long linked) {}

  /** An item the shopper acted on, with its title (null when the item left the catalog). */
  public record RecentItem(String id, String title, String category) {}

  /** The current browsing session. */
  public record Session(String id, List<RecentItem> items, long start, long last) {}
}
