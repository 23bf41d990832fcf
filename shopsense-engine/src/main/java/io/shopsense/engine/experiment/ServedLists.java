package io.shopsense.engine.experiment;

import io.shopsense.core.model.Event;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The recently served lists of experiment variants, found again when feedback arrives: by the
 * event's {@code request_id}; else by its {@code session} when a client put the request id there;
 * else the shopper's newest list that held the item, served at most {@code windowMs} before the event.
 * Memory is bounded: at most {@code max} lists overall (oldest dropped first, also from their
 * shopper's queue) and {@code perUser} per shopper. Not thread-safe: {@link Experiments} guards it.
 */
final class ServedLists {
  /** A served list and what was attributed to it so far. */
  static final class Served {
    final String requestId;
    final String experiment;
    final String variant;
    final String user;
    final long time;
    final Set<String> items;
    boolean clicked;
    boolean converted;
    double revenue;

    Served(String requestId, String experiment, String variant, String user, long time, Set<String> items) {
      this.requestId = requestId;
      this.experiment = experiment;
      this.variant = variant;
      this.user = user;
      this.time = time;
      this.items = items;
    }
  }

  /** Clocks of server and client differ a little: an event may carry a time just before the list's. */
  private static final long SKEW_MS = 60_000;

  private final int perUser;
  private final long windowMs;
  private final LinkedHashMap<String, Served> byRequest;
  private final Map<String, ArrayDeque<Served>> byUser = new HashMap<>();

  ServedLists(int max, int perUser, long windowMs) {
    this.perUser = perUser;
    this.windowMs = windowMs;
    this.byRequest = new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Served> eldest) {
        if (size() <= max) return false;
        dropFromUser(eldest.getValue());
        return true;
      }
    };
  }

  void add(Served s) {
    byRequest.put(s.requestId, s);
    ArrayDeque<Served> q = byUser.computeIfAbsent(s.user, k -> new ArrayDeque<>());
    q.addFirst(s);
    if (q.size() > perUser) byRequest.remove(q.removeLast().requestId);
  }

  /** The list the event answers, or null. */
  Served find(Event ev) {
    if (ev.item() == null) return null;
    Served s = ev.requestId() != null ? byRequest.get(ev.requestId())
        : ev.session() != null ? byRequest.get(ev.session()) : null;
    if (s != null) return s.user.equals(ev.user()) && s.items.contains(ev.item()) ? s : null;
    if (ev.requestId() != null) return null; // named a list we no longer (or never) served: no guessing
    ArrayDeque<Served> q = byUser.get(ev.user());
    if (q == null) return null;
    for (Served x : q) { // newest first
      if (x.items.contains(ev.item()) && ev.time() >= x.time - SKEW_MS && ev.time() - x.time <= windowMs) return x;
    }
    return null;
  }

  /** Drops the lists of these shoppers; true when any was held. */
  boolean forget(Collection<String> users) {
    boolean any = false;
    for (String u : users) {
      ArrayDeque<Served> q = byUser.remove(u);
      if (q == null) continue;
      any = true;
      for (Served s : q) byRequest.remove(s.requestId);
    }
    return any;
  }

  /** True when lists served to this shopper are held. */
  boolean holds(String user) {
    return byUser.containsKey(user);
  }

  private void dropFromUser(Served s) {
    ArrayDeque<Served> q = byUser.get(s.user);
    if (q == null) return;
    for (Iterator<Served> it = q.descendingIterator(); it.hasNext(); ) {
      if (it.next() == s) {
        it.remove();
        break;
      }
    }
    if (q.isEmpty()) byUser.remove(s.user);
  }
}
