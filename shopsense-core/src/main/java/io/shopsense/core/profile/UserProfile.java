package io.shopsense.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine believes about one shopper, derived from their events. Immutable; built and
 * updated by {@link ProfileUpdater} (through a mutable {@link ProfileState}); stored as JSON with
 * {@link ProfileJson}. All times are epoch milliseconds.
 *
 * <p><b>Affinities</b> ({@code categories} by full path such as {@code Shoes>Running},
 * {@code topCategories} by first level, {@code brands}, {@code shops}, {@code priceBands} from
 * {@link PriceBands}) are not normalised: each is the sum over the shopper's events of
 * {@code weight.<type> * 0.5^((lastSeen - time) / profile.half_life_days)}, i.e. the value at
 * {@code lastSeen}. To read them at a later time {@code now}, multiply all of them by
 * {@code 0.5^((now - lastSeen) / halfLife)}: the order never changes. Each map iterates highest
 * score first (ties by name).
 *
 * @param user the shopper id
 * @param firstSeen time of the earliest event
 * @param lastSeen time of the latest event (the time the affinities are valid at)
 * @param categories affinity per full category path
 * @param topCategories affinity per top-level category
 * @param brands affinity per brand
 * @param shops affinity per shop id
 * @param priceBands affinity per price band ({@code budget}, {@code mid}, {@code premium})
 * @param recentItems distinct items acted on (every item event but remove_from_cart), newest first,
 *     capped by {@code profile.recent_items}
 * @param session the current session, or null before the first event
 * @param channels events per channel wire name ({@code app}, {@code web}, {@code mini})
 * @param eventCounts events per event type wire name
 * @param purchases purchased items, most recently bought first
 * @param recentQueries distinct search queries, newest first, capped by {@code profile.recent_queries}
 */
public record UserProfile(String user, long firstSeen, long lastSeen, Map<String, Double> categories,
    Map<String, Double> topCategories, Map<String, Double> brands, Map<String, Double> shops,
    Map<String, Double> priceBands, List<String> recentItems, Session session, Map<String, Long> channels,
    Map<String, Long> eventCounts, Map<String, Purchase> purchases, List<String> recentQueries) {

  public UserProfile {
    Objects.requireNonNull(user, "user");
    categories = ordered(categories);
    topCategories = ordered(topCategories);
    brands = ordered(brands);
    shops = ordered(shops);
    priceBands = ordered(priceBands);
    recentItems = recentItems == null ? List.of() : List.copyOf(recentItems);
    channels = ordered(channels);
    eventCounts = ordered(eventCounts);
    purchases = ordered(purchases);
    recentQueries = recentQueries == null ? List.of() : List.copyOf(recentQueries);
  }

  /** A shopper with no events yet. */
  public static UserProfile empty(String user) {
    return new UserProfile(user, 0, 0, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Read-only copy that keeps the iteration order (Map.copyOf would not). */
  private static <V> Map<String, V> ordered(Map<String, V> m) {
    if (m == null || m.isEmpty()) return Map.of();
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** True when the shopper bought the item at least once. */
  public boolean hasPurchased(String item) {
    return purchases.containsKey(item);
  }

  /** The first {@code n} keys of an affinity map (they iterate strongest first). */
  public static List<String> top(Map<String, Double> affinities, int n) {
    return affinities.keySet().stream().limit(n).toList();
  }

  /**
   * A browsing session: consecutive events with no gap longer than
   * {@code profile.session_gap_minutes} and no change of session id.
   *
   * @param id the events' session id, or {@code <user>#<start>} when they carried none
   * @param items items acted on in order (consecutive repeats collapsed), the last
   *     {@code profile.recent_items} kept
   * @param start time of the first event
   * @param last time of the latest event
   */
  public record Session(String id, List<String> items, long start, long last) {
    public Session {
      Objects.requireNonNull(id, "id");
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * Purchases of one item.
   *
   * @param count how many purchase events
   * @param last time of the latest one
   */
  public record Purchase(long count, long last) {}
}
