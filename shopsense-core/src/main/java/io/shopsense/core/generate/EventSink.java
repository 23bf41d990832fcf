package io.shopsense.core.generate;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects the events of the simulated day, gives about 5% of them a client id and repeats every
 * 200th of those verbatim (a client retry), so importers have duplicates to drop. Counts by type.
 */
final class EventSink {
  static final double ID_SHARE = 0.05;
  static final int DUPLICATE_EVERY = 200;

  final List<Event> buffer = new ArrayList<>();
  final long[] byType = new long[EventType.values().length];
  long total;
  long withId;
  long duplicates;

  /** The context every event of a session shares. */
  record Session(String user, String id, Channel channel) {}

  void emit(SplittableRandom r, Session s, EventType type, String item, long time, Double value, String query,
      List<String> items, String text) {
    String id = null;
    if (Rand.chance(r, ID_SHARE)) id = "e" + (++withId);
    Event e = new Event(id, s.user(), type, item, time, s.id(), s.channel(), value, query, items, text);
    add(e);
    if (id != null && withId % DUPLICATE_EVERY == 0) {
      add(e);
      duplicates++;
    }
  }

  private void add(Event e) {
    buffer.add(e);
    byType[e.type().ordinal()]++;
    total++;
  }
}
