package io.shopsense.core.profile;

import io.shopsense.core.model.EventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The mutable working form of a {@link UserProfile}: {@link ProfileUpdater#apply(ProfileState,
 * io.shopsense.core.model.Event, java.util.function.Function)} changes it in O(1) per event
 * (amortised), and {@link #snapshot()} freezes it. Keep one per active shopper; not thread-safe.
 */
public final class ProfileState {
  final String user;
  long firstSeen;
  long lastSeen;
  final DecayingScores categories;
  final DecayingScores topCategories;
  final DecayingScores brands;
  final DecayingScores shops;
  final DecayingScores priceBands;
  /** Insertion order is oldest first; re-seeing an item moves it to the end. */
  final LinkedHashSet<String> recentItems = new LinkedHashSet<>();
  String sessionId;
  long sessionStart;
  long sessionLast;
  final ArrayDeque<String> sessionItems = new ArrayDeque<>();
  final Map<String, long[]> channels = new HashMap<>();
  final long[] eventCounts = new long[EventType.values().length];
  /** item -> {count, last time}. */
  final Map<String, long[]> purchases = new HashMap<>();
  /** Oldest first, like {@link #recentItems}. */
  final LinkedHashSet<String> recentQueries = new LinkedHashSet<>();

  ProfileState(String user, double halfLifeMs) {
    this.user = user;
    categories = new DecayingScores(halfLifeMs);
    topCategories = new DecayingScores(halfLifeMs);
    brands = new DecayingScores(halfLifeMs);
    shops = new DecayingScores(halfLifeMs);
    priceBands = new DecayingScores(halfLifeMs);
  }

  /** Resumes from a saved profile (its affinities are valid at its {@code lastSeen}). */
  ProfileState(UserProfile p, double halfLifeMs) {
    this.user = p.user();
    firstSeen = p.firstSeen();
    lastSeen = p.lastSeen();
    categories = DecayingScores.of(p.categories(), p.lastSeen(), halfLifeMs);
    topCategories = DecayingScores.of(p.topCategories(), p.lastSeen(), halfLifeMs);
    brands = DecayingScores.of(p.brands(), p.lastSeen(), halfLifeMs);
    shops = DecayingScores.of(p.shops(), p.lastSeen(), halfLifeMs);
    priceBands = DecayingScores.of(p.priceBands(), p.lastSeen(), halfLifeMs);
    for (int i = p.recentItems().size() - 1; i >= 0; i--) recentItems.add(p.recentItems().get(i));
    if (p.session() != null) {
      sessionId = p.session().id();
      sessionStart = p.session().start();
      sessionLast = p.session().last();
      sessionItems.addAll(p.session().items());
    }
    p.channels().forEach((k, v) -> channels.put(k, new long[] {v}));
    p.eventCounts().forEach((k, v) -> {
      EventType t = EventType.fromWire(k);
      if (t == null) throw new IllegalArgumentException("profile of " + p.user() + ": unknown event type '" + k + "'");
      eventCounts[t.ordinal()] = v;
    });
    p.purchases().forEach((k, v) -> purchases.put(k, new long[] {v.count(), v.last()}));
    for (int i = p.recentQueries().size() - 1; i >= 0; i--) recentQueries.add(p.recentQueries().get(i));
  }

  public String user() {
    return user;
  }

  /** True once an event was applied. */
  public boolean hasEvents() {
    for (long c : eventCounts) if (c > 0) return true;
    return false;
  }

  /** Freezes the current state. O(size of the profile). */
  public UserProfile snapshot() {
    if (!hasEvents()) return UserProfile.empty(user);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (EventType t : EventType.values()) if (eventCounts[t.ordinal()] > 0) counts.put(t.wireName(), eventCounts[t.ordinal()]);
    List<Map.Entry<String, long[]>> ch = new ArrayList<>(channels.entrySet());
    ch.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
        : a.getKey().compareTo(b.getKey()));
    Map<String, Long> chans = new LinkedHashMap<>();
    for (var e : ch) chans.put(e.getKey(), e.getValue()[0]);
    List<Map.Entry<String, long[]>> pu = new ArrayList<>(purchases.entrySet());
    pu.sort((a, b) -> a.getValue()[1] != b.getValue()[1] ? Long.compare(b.getValue()[1], a.getValue()[1])
        : a.getKey().compareTo(b.getKey()));
    Map<String, UserProfile.Purchase> bought = new LinkedHashMap<>();
    for (var e : pu) bought.put(e.getKey(), new UserProfile.Purchase(e.getValue()[0], e.getValue()[1]));
    UserProfile.Session session = sessionId == null ? null
        : new UserProfile.Session(sessionId, new ArrayList<>(sessionItems), sessionStart, sessionLast);
    return new UserProfile(user, firstSeen, lastSeen, categories.at(lastSeen), topCategories.at(lastSeen),
        brands.at(lastSeen), shops.at(lastSeen), priceBands.at(lastSeen), newestFirst(recentItems), session, chans,
        counts, bought, newestFirst(recentQueries));
  }

  private static List<String> newestFirst(LinkedHashSet<String> oldestFirst) {
    List<String> l = new ArrayList<>(oldestFirst);
    Collections.reverse(l);
    return l;
  }
}
