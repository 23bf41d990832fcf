package io.shopsense.core.profile;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Function;

/**
 * Applies one event to a shopper's profile in O(1) amortised (see {@link DecayingScores} for the
 * lazy decay). What each event does:
 * <ul>
 *   <li>first/last seen, the count of its type and of its channel;
 *   <li>session: a new one starts with the first event, when the event's session id differs from
 *       the current one, or after more than {@code profile.session_gap_minutes} without events (an
 *       event without a session id never changes the id on its own);
 *   <li>item events other than remove_from_cart: the item moves to the front of the recent items
 *       and is appended to the session's items (unless it is already the last one);
 *   <li>purchase: the item's purchase count and last purchase time;
 *   <li>search with a query: the trimmed query moves to the front of the recent queries;
 *   <li>item events whose type weighs more than 0: {@code weight.<type>} is added, decayed, to the
 *       item's full category, top-level category, brand, shop and price band (unknown items add
 *       nothing).
 * </ul>
 * Events are expected in time order (the store's append order); a late event counts as if it came
 * in sequence, except that affinities always use its own time. Thread-safe itself; the states are not.
 */
public final class ProfileUpdater {
  private final ProfileOptions options;
  private final PriceBands bands;
  private final double halfLifeMs;

  public ProfileUpdater(ProfileOptions options, PriceBands bands) {
    this.options = options;
    this.bands = bands;
    this.halfLifeMs = options.halfLifeMs();
  }

  public static ProfileUpdater from(Config config, PriceBands bands) {
    return new ProfileUpdater(ProfileOptions.from(config), bands);
  }

  public ProfileOptions options() {
    return options;
  }

  /** A state for a shopper with no events. */
  public ProfileState newState(String user) {
    return new ProfileState(user, halfLifeMs);
  }

  /** A state that continues a saved profile. */
  public ProfileState state(UserProfile profile) {
    return new ProfileState(profile, halfLifeMs);
  }

  /** Convenience for one-off updates: O(profile size) because it copies; keep a state for streams. */
  public UserProfile apply(UserProfile profile, Event event, Function<String, Item> catalog) {
    ProfileState s = state(profile);
    apply(s, event, catalog);
    return s.snapshot();
  }

  /**
   * Applies the event to the state.
   *
   * @param catalog item by id, null when unknown
   * @throws IllegalArgumentException when the event belongs to another shopper
   */
  public void apply(ProfileState s, Event e, Function<String, Item> catalog) {
    if (!s.user.equals(e.user())) {
      throw new IllegalArgumentException("event of user '" + e.user() + "' applied to the profile of '" + s.user + "'");
    }
    long t = e.time();
    boolean first = !s.hasEvents();
    s.firstSeen = first ? t : Math.min(s.firstSeen, t);
    s.lastSeen = first ? t : Math.max(s.lastSeen, t);
    EventType type = e.type();
    s.eventCounts[type.ordinal()]++;
    if (e.channel() != null) s.channels.computeIfAbsent(e.channel().wireName(), k -> new long[1])[0]++;
    updateSession(s, e);
    String item = e.item();
    if (item != null && type != EventType.REMOVE_FROM_CART) {
      moveToNewest(s.recentItems, item, options.recentItems());
      if (!item.equals(s.sessionItems.peekLast())) {
        s.sessionItems.addLast(item);
        if (s.sessionItems.size() > options.recentItems()) s.sessionItems.removeFirst();
      }
    }
    if (type == EventType.PURCHASE && item != null) {
      long[] p = s.purchases.computeIfAbsent(item, k -> new long[] {0, t});
      p[0]++;
      p[1] = Math.max(p[1], t);
    }
    if (type == EventType.SEARCH && e.query() != null && !e.query().isBlank() && options.recentQueries() > 0) {
      moveToNewest(s.recentQueries, e.query().trim(), options.recentQueries());
    }
    double w = options.weights().weight(type);
    if (item != null && w > 0) {
      Item it = catalog.apply(item);
      if (it != null) {
        s.categories.add(it.category(), w, t);
        s.topCategories.add(it.topCategory(), w, t);
        s.brands.add(it.brand(), w, t);
        s.shops.add(it.shop(), w, t);
        s.priceBands.add(bands.band(it), w, t);
      }
    }
  }

  private void updateSession(ProfileState s, Event e) {
    long t = e.time();
    boolean idChanged = e.session() != null && !e.session().equals(s.sessionId);
    if (s.sessionId == null || idChanged || t - s.sessionLast > options.sessionGapMs()) {
      s.sessionId = e.session() != null ? e.session() : s.user + "#" + t;
      s.sessionStart = t;
      s.sessionLast = t;
      s.sessionItems.clear();
    } else {
      s.sessionLast = Math.max(s.sessionLast, t);
    }
  }

  private static void moveToNewest(LinkedHashSet<String> oldestFirst, String key, int cap) {
    oldestFirst.remove(key);
    oldestFirst.add(key);
    if (oldestFirst.size() > cap) {
      Iterator<String> it = oldestFirst.iterator();
      it.next();
      it.remove();
    }
  }
}
