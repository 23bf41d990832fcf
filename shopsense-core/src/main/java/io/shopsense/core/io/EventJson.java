package io.shopsense.core.io;

import static io.shopsense.core.io.JsonFields.id;
import static io.shopsense.core.io.JsonFields.missing;
import static io.shopsense.core.io.JsonFields.once;
import static io.shopsense.core.io.JsonFields.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of {@code events.jsonl}: {@code {"id"?,"user","type","item"?,"time","session"?,
 * "channel"?,"value"?,"query"?,"items"?,"text"?,"request_id"?}} ({@code request_id}: the response
 * the event answers, for experiment attribution). Besides the types, it checks: {@code item} is
 * present for the types that need one; a {@code rate} has a {@code value} with
 * {@code 0 < value <= 5} (a five-star scale; MovieLens uses half stars from 0.5); a {@code purchase}
 * value (quantity or amount) is not negative.
 */
final class EventJson implements JsonRecordParser<Event> {
  static final String FIELDS = "id, user, type, item, time, session, channel, value, query, items, text, request_id";
  /** The highest rating; ratings are on a five-star scale. */
  static final double MAX_RATING = 5;

  private static final Map<String, EventType> TYPES = new HashMap<>();
  private static final Map<String, Channel> CHANNELS = new HashMap<>();
  static final String TYPE_NAMES = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
  static final String CHANNEL_NAMES = Arrays.stream(Channel.values()).map(Channel::wireName).collect(Collectors.joining(", "));

  static {
    for (EventType t : EventType.values()) TYPES.put(t.wireName(), t);
    for (Channel c : Channel.values()) CHANNELS.put(c.wireName(), c);
  }

  @Override
  public Event parseFast(byte[] line, int off, int len) {
    return EventLine.parse(line, off, len);
  }

  @Override
  public Event parse(JsonParser p) throws IOException {
    String id = null;
    String user = null;
    EventType type = null;
    String item = null;
    long time = Long.MIN_VALUE;
    String session = null;
    Channel channel = null;
    Double value = null;
    String query = null;
    List<String> items = null;
    String text = null;
    String requestId = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "id" -> { seen = once(seen, 0, f); id = id(p, f); }
        case "user" -> { seen = once(seen, 1, f); user = id(p, f); }
        case "type" -> { seen = once(seen, 2, f); type = type(p, f); }
        case "item" -> { seen = once(seen, 3, f); item = id(p, f); }
        case "time" -> { seen = once(seen, 4, f); time = JsonFields.time(p, f); }
        case "session" -> { seen = once(seen, 5, f); session = string(p, f); }
        case "channel" -> { seen = once(seen, 6, f); channel = channel(p, f); }
        case "value" -> { seen = once(seen, 7, f); value = JsonFields.number(p, f); }
        case "query" -> { seen = once(seen, 8, f); query = string(p, f); }
        case "items" -> { seen = once(seen, 9, f); items = JsonFields.stringList(p, f); }
        case "text" -> { seen = once(seen, 10, f); text = string(p, f); }
        case "request_id" -> { seen = once(seen, 11, f); requestId = id(p, f); }
        default -> throw JsonFields.unknownField(f, FIELDS);
      }
    }
    if (user == null) throw missing("user");
    if (type == null) throw missing("type");
    if (time == Long.MIN_VALUE) throw missing("time");
    if (item == null && type.needsItem()) {
      throw new RecordError("item", "required for event type '" + type.wireName() + "'");
    }
    checkValue(type, value);
    return new Event(id, user, type, item, time, session, channel, value, query, items, text, requestId);
  }

  /** The value rules shared by every event source (JSONL and rating files). */
  static void checkValue(EventType type, Double value) {
    if (type == EventType.RATE) {
      if (value == null) throw new RecordError("value", "required for event type 'rate'");
      String problem = ratingProblem(value);
      if (problem != null) throw new RecordError("value", problem);
    } else if (type == EventType.PURCHASE && value != null && value < 0) {
      throw new RecordError("value", "purchase quantity or amount must not be negative, got " + fmt(value));
    }
  }

  /** What is wrong with a rating, or null when it is on the scale. */
  static String ratingProblem(double v) {
    return v > 0 && v <= MAX_RATING ? null : "rating must be above 0 and at most 5, got " + fmt(v);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static EventType type(JsonParser p, String f) throws IOException {
    String s = string(p, f);
    if (s == null) return null;
    EventType t = TYPES.get(s);
    if (t == null) {
      throw new RecordError(f, "unknown event type " + JsonFields.name(s)
          + " (expected one of " + TYPE_NAMES + ")");
    }
    return t;
  }

  private static Channel channel(JsonParser p, String f) throws IOException {
    String s = string(p, f);
    if (s == null) return null;
    Channel c = CHANNELS.get(s);
    if (c == null) {
      throw new RecordError(f, "unknown channel " + JsonFields.name(s)
          + " (expected one of " + CHANNEL_NAMES + ")");
    }
    return c;
  }
}
