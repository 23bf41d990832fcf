package io.shopsense.core.store;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The append-only log of shopper events. An event is durable once {@link #append} returns:
 * the batch is committed in one transaction. Events that carry an id already stored are skipped.
 */
public interface EventStore {
  /** Appends a batch in one transaction; returns how many were new (the rest were duplicate ids). */
  int append(List<Event> events);

  /** Calls the consumer for every event in append order. */
  void forEachEvent(Consumer<Event> consumer);

  /** The most recent events of one shopper, newest first. */
  List<Event> recentEvents(String user, int limit);

  long eventCount();

  /** Count of events per type (types with none are absent). */
  Map<EventType, Long> countByType();

  /** Number of distinct users and items that appear in events: {users, items}. */
  long[] distinctUsersAndItems();

  /** Deletes events older than the time (epoch ms); returns how many were removed. Retention. */
  long deleteEventsBefore(long time);
}
