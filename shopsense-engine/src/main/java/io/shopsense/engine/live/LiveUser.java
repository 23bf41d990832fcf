package io.shopsense.engine.live;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One shopper's live state: the incrementally updated {@link ProfileState}, purchase times, cart,
 * recent impressions and removed interests. Every method is synchronized on the instance (events of
 * one shopper are few; requests take a {@link LiveView} copy, cached until the next event).
 */
public final class LiveUser {
  static final int MAX_TIMES = 20;
  private static final int MAX_SHOWN_LISTS = 200;
  private final String user;
  private final ProfileState state;
  private final Map<String, List<Long>> purchaseTimes = new HashMap<>();
  private final LinkedHashSet<String> cart = new LinkedHashSet<>();
  private final ArrayDeque<Shown> shown = new ArrayDeque<>();
  private final Set<String> removed;
  private boolean dirty;
  private LiveView cached;

  private record Shown(long time, List<String> items) {}

  LiveUser(String user, ProfileState state, Set<String> removed) {
    this.user = user;
    this.state = state;
    this.removed = new LinkedHashSet<>(removed);
  }

  public String user() {
    return user;
  }

  /** True when nothing is known about the shopper (no event, no removed interest). */
  synchronized boolean isEmpty() {
    return !state.hasEvents() && removed.isEmpty() && cart.isEmpty() && shown.isEmpty();
  }

  /** Applies an event of this shopper (its user already resolved to {@link #user()}). */
  synchronized void apply(Event e, ProfileUpdater updater, Function<String, Item> catalog, boolean profileToo) {
    if (profileToo) {
      updater.apply(state, e.user().equals(user) ? e : e.withUser(user), catalog);
      dirty = true;
    }
    extras(e);
    cached = null;
  }

  /** The parts the profile does not keep: purchase times, cart, impressions. */
  private void extras(Event e) {
    String item = e.item();
    switch (e.type()) {
      case PURCHASE -> {
        if (item == null) break;
        List<Long> t = purchaseTimes.computeIfAbsent(item, k -> new ArrayList<>());
        t.add(e.time());
        Collections.sort(t);
        if (t.size() > MAX_TIMES) t.remove(0);
        cart.remove(item);
      }
      case ADD_TO_CART -> {
        if (item != null) cart.add(item);
      }
      case REMOVE_FROM_CART -> cart.remove(item);
      case IMPRESSION -> {
        if (e.items() != null && !e.items().isEmpty()) {
          shown.addLast(new Shown(e.time(), List.copyOf(e.items())));
          if (shown.size() > MAX_SHOWN_LISTS) shown.removeFirst();
        }
      }
      default -> { }
    }
  }

  /** A copy for one request; {@code shownSince} bounds the recently shown items. */
  synchronized LiveView view(long shownSince) {
    LiveView v = cached;
    if (v == null) {
      Map<String, List<Long>> times = new HashMap<>();
      purchaseTimes.forEach((k, t) -> times.put(k, List.copyOf(t)));
      v = new LiveView(user, state.snapshot(), Collections.unmodifiableMap(times),
          Collections.unmodifiableSet(new LinkedHashSet<>(cart)), Set.of(), Set.copyOf(removed));
      cached = v;
    }
    Set<String> recent = new LinkedHashSet<>();
    for (Shown s : shown) if (s.time() >= shownSince) recent.addAll(s.items());
    if (recent.isEmpty()) return v;
    return new LiveView(v.user(), v.profile(), v.purchaseTimes(), v.cart(), Collections.unmodifiableSet(recent), v.removed());
  }

  /** Marks an interest removed; returns the new set. */
  synchronized Set<String> removeInterest(String key) {
    removed.add(key);
    cached = null;
    return Set.copyOf(removed);
  }

  /** The profile when it changed since the last call (for write-behind), else null. */
  synchronized io.shopsense.core.profile.UserProfile takeDirty() {
    if (!dirty) return null;
    dirty = false;
    return state.snapshot();
  }

  /** Applies events without touching the dirty flag's meaning (they come from the store). */
  synchronized void replay(List<Event> oldestFirst, ProfileUpdater updater, Function<String, Item> catalog,
      boolean profileToo) {
    for (Event e : oldestFirst) {
      if (profileToo) updater.apply(state, e.withUser(user), catalog);
      extras(e);
    }
    cached = null;
  }

  /** Marks the profile as changed (after a merge). */
  synchronized void markDirty() {
    dirty = true;
  }
}
