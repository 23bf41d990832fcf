package io.shopsense.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One shopper action. Immutable.
 *
 * @param id optional client id; events with the same id are stored once
 * @param user the shopper (required)
 * @param type what happened (required)
 * @param item the item acted on; required for every type but {@code search} and {@code impression}
 * @param time epoch milliseconds
 * @param session optional session id
 * @param channel optional channel
 * @param value optional number: rating for {@code rate}, quantity or amount for {@code purchase}
 * @param query the query text for {@code search} (and impressions that answer a search)
 * @param items the ids shown, for {@code search} and {@code impression}
 * @param text review text
 * @param requestId optional {@code request_id} of the search or recommendation response this event
 *     answers (an impression, click or purchase of a listed item), for A/B experiment attribution; an
 *     extension of the event contract, not kept by the stores (attribution happens on ingestion)
 */
public record Event(String id, String user, EventType type, String item, long time, String session,
    Channel channel, Double value, String query, List<String> items, String text, String requestId) {

  public Event {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(type, "type");
    items = items == null ? null : List.copyOf(items);
  }

  /** An event that answers no response (no {@code request_id}). */
  public Event(String id, String user, EventType type, String item, long time, String session,
      Channel channel, Double value, String query, List<String> items, String text) {
    this(id, user, type, item, time, session, channel, value, query, items, text, null);
  }

  /** A minimal event: user, type, item and time. */
  public static Event of(String user, EventType type, String item, long time) {
    return new Event(null, user, type, item, time, null, null, null, null, null, null);
  }

  /** The same event with another user (identity merges and erasure checks). */
  public Event withUser(String newUser) {
    return new Event(id, newUser, type, item, time, session, channel, value, query, items, text, requestId);
  }
}
