package io.shopsense.engine.snapshot;

import io.shopsense.core.model.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events as the search ranker's training reads them, copied during the one store scan of
 * training ({@link TrainingData}): the ranker replays the stream several times (search log,
 * profiles and statistics as of each search, serving statistics), and re-reading the store each
 * time would cost a scan per pass. Shoppers are the resolved ones (aliases linked to them), the
 * client id and review text are dropped, and repeated strings (shoppers, items, sessions, queries)
 * are shared, so an event costs about 70 bytes plus its shown list. Not thread-safe.
 */
final class SearchEvents {
  private final Map<String, String> pool = new HashMap<>();
  private final List<Event> events = new ArrayList<>();

  /** Copies one event, with {@code user} the shopper it resolves to. */
  void add(Event e, String user) {
    List<String> shown = null;
    if (e.items() != null) {
      List<String> l = new ArrayList<>(e.items().size());
      for (String id : e.items()) l.add(intern(id));
      shown = l;
    }
    events.add(new Event(null, intern(user), e.type(), intern(e.item()), e.time(), intern(e.session()), e.channel(),
        e.value(), intern(e.query()), shown, null));
  }

  private String intern(String s) {
    if (s == null) return null;
    String p = pool.putIfAbsent(s, s);
    return p == null ? s : p;
  }

  /** The events in time order (stable: events of the same millisecond keep their store order). */
  List<Event> inTimeOrder() {
    pool.clear();
    events.sort(Comparator.comparingLong(Event::time));
    return events;
  }

  int size() {
    return events.size();
  }
}
