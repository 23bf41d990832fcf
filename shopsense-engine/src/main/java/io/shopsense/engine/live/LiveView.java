package io.shopsense.engine.live;

import io.shopsense.core.profile.UserProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frozen copy of one shopper's live state for one request: the profile (affinities, recent items,
 * session, purchases), purchase times per item, the cart, what was shown recently, and the interests
 * the shopper removed ({@code kind:value}). Immutable.
 *
 * @param purchaseTimes item to its purchase times, oldest first (the last {@value LiveUser#MAX_TIMES})
 * @param shown items in impressions of the last {@code rules.recently_shown_minutes}
 */
public record LiveView(String user, UserProfile profile, Map<String, List<Long>> purchaseTimes, Set<String> cart,
    Set<String> shown, Set<String> removed) {

  /** A shopper the engine knows nothing about (or an anonymous request when user is null). */
  public static LiveView anonymous(String user) {
    return new LiveView(user, UserProfile.empty(user == null ? "" : user), Map.of(), Set.of(), Set.of(), Set.of());
  }

  /** True when there is any behaviour to personalise from. */
  public boolean hasHistory() {
    return !profile.recentItems().isEmpty() || !profile.purchases().isEmpty();
  }

  /** True when the shopper removed this interest ({@code category}, {@code brand}, {@code shop} or {@code price_band}). */
  public boolean removedInterest(String kind, String value) {
    if (value == null || removed.isEmpty()) return false;
    if (removed.contains(kind + ":" + value)) return true;
    if (!kind.equals("category")) return false;
    for (String r : removed) {
      if (r.startsWith("category:") && value.startsWith(r.substring(9) + ">")) return true; // a removed parent category
    }
    return false;
  }

  /** The affinity, 0 for a removed interest or none. */
  public double affinity(String kind, String value) {
    if (value == null || removedInterest(kind.equals("top_category") ? "category" : kind, value)) return 0;
    Map<String, Double> m = switch (kind) {
      case "category" -> profile.categories();
      case "top_category" -> profile.topCategories();
      case "brand" -> profile.brands();
      case "shop" -> profile.shops();
      case "price_band" -> profile.priceBands();
      default -> throw new IllegalArgumentException("unknown interest kind " + kind);
    };
    Double v = m.get(value);
    return v == null ? 0 : v;
  }

  /** The strongest affinity of a kind (for normalising), 0 when none. */
  public double maxAffinity(String kind) {
    Map<String, Double> m = switch (kind) {
      case "category" -> profile.categories();
      case "top_category" -> profile.topCategories();
      case "brand" -> profile.brands();
      case "shop" -> profile.shops();
      case "price_band" -> profile.priceBands();
      default -> throw new IllegalArgumentException("unknown interest kind " + kind);
    };
    double best = 0;
    String k = kind.equals("top_category") ? "category" : kind;
    for (var e : m.entrySet()) if (!removedInterest(k, e.getKey())) best = Math.max(best, e.getValue());
    return best;
  }
}
