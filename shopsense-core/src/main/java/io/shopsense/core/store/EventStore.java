package io.shopsense.core.store;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.Iterator;
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

  /**
   * Appends a stream of batches as one unit, for imports: every batch goes into one transaction,
   * durable when this returns; if the iterator or the store throws, nothing of the stream is stored.
   * Ids de-duplicate as in {@link #append} (against stored events, across and within batches), and
   * append order is iteration order. The store may hold its write lock for the whole call (other
   * appends wait), and into an empty event table it may build the indexes once at the end instead of
   * row by row. Returns how many events were new.
   */
  long bulkAppend(Iterator<? extends List<Event>> batches);

  /** Calls the consumer for every event in append order. */
  void forEachEvent(Consumer<Event> consumer);

  /** The most recent events of one shopper, newest first. */
  List<Event> recentEvents(String user, int limit);

  /**
   * The shoppers with the newest events, by the time of their newest event (newest first, ties by
   * id), at most {@code limit}: who a server should have in memory first. One pass over the events.
   */
  List<String> recentUsers(int limit);

  long eventCount();

  /** Count of events per type (types with none are absent). */
  Map<EventType, Long> countByType();

  /** Number of distinct users and items that appear in events: {users, items}. */
  long[] distinctUsersAndItems();

  /** Deletes events older than the time (epoch ms); returns how many were removed. Retention. */
  long deleteEventsBefore(long time);
}
