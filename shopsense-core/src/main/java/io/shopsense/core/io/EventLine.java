package io.shopsense.core.io;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link EventJson}: reads the common shape of an {@code events.jsonl} line
 * straight from its bytes, or gives up (returns null) at anything unusual — an escape sequence, a
 * {@code null}, an exponent, a negative or long number, an unknown or repeated field, a value that
 * breaks a rule — and the caller then parses the line with Jackson, which builds the same record or
 * throws the exact error. So this class decides nothing: it only accepts lines on which both paths
 * agree (a randomized test holds it to that). Hand-written because a Jackson parser per line cost
 * about three times as much, and in a fresh JVM (the CLI) its compilation competed with the writer.
 * Cost: one pass over the line's bytes. The bytes must be valid UTF-8 ({@link LineReader} checks).
 */
final class EventLine {
  private static final byte[][] FIELDS = names(EventJson.FIELDS.split(", "));
  private static final byte[][] TYPES = names(enumNames(EventType.values()));
  private static final byte[][] CHANNELS = names(enumNames(Channel.values()));
  private static final EventType[] TYPE_VALUES = EventType.values();
  private static final Channel[] CHANNEL_VALUES = Channel.values();
  /** Longest number text taken here: fewer digits than a long or a double's exact integers hold. */
  private static final int MAX_NUMBER = 15;

  private final byte[] b;
  private int i;
  private final int end;

  private EventLine(byte[] b, int off, int len) {
    this.b = b;
    this.i = off;
    this.end = off + len;
  }

  /** The event on this line, or null when the line needs the full parser. */
  static Event parse(byte[] b, int off, int len) {
    return new EventLine(b, off, len).event();
  }

  // field numbers: positions in EventJson.FIELDS
  private static final int ID = 0;
  private static final int USER = 1;
  private static final int TYPE = 2;
  private static final int ITEM = 3;
  private static final int TIME = 4;
  private static final int SESSION = 5;
  private static final int CHANNEL = 6;
  private static final int VALUE = 7;
  private static final int QUERY = 8;
  private static final int ITEMS = 9;
  private static final int TEXT = 10;
  private static final int REQUEST_ID = 11;
  /** Fields whose value is a string that must not be empty. */
  private static final int IDS = 1 << ID | 1 << USER | 1 << ITEM | 1 << REQUEST_ID;
  private static final int REQUIRED = 1 << USER | 1 << TYPE | 1 << TIME;
  /** Fields not decoded as text: enums, numbers, the list. */
  private static final int NOT_TEXT = 1 << TYPE | 1 << CHANNEL | 1 << TIME | 1 << VALUE | 1 << ITEMS;

  /*
   * Written as one generic loop with few call sites (string fields are first only located, then
   * decoded in one place) because the JIT inlines every call site: a method with a copy of the
   * string decoder per field took longer to compile than to run on a million lines.
   */
  private Event event() {
    int[] at = new int[FIELDS.length]; // content start of each string field
    int[] len = new int[FIELDS.length];
    long time = Long.MIN_VALUE;
    Double value = null;
    List<String> items = null;
    int seen = 0;
    skipSpace();
    if (!take('{')) return null;
    skipSpace();
    if (i < end && b[i] == '}') return null; // no field: let the full parser name the missing one
    while (true) {
      int f = fieldName();
      if (f < 0 || (seen & (1 << f)) != 0) return null;
      seen |= 1 << f;
      skipSpace();
      if (!take(':')) return null;
      skipSpace();
      if (f == TIME) {
        if ((time = time()) == Long.MIN_VALUE) return null;
      } else if (f == VALUE) {
        if ((value = number()) == null) return null;
      } else if (f == ITEMS) {
        if ((items = list()) == null) return null;
      } else {
        int from = stringBody();
        if (from < 0) return null;
        at[f] = from;
        len[f] = i - 1 - from;
        if (len[f] == 0 && (IDS & (1 << f)) != 0) return null;
      }
      skipSpace();
      if (take('}')) break;
      if (!take(',')) return null;
      skipSpace();
    }
    skipSpace();
    if (i != end || (seen & REQUIRED) != REQUIRED) return null;
    EventType type = (EventType) pick(TYPES, TYPE_VALUES, at[TYPE], len[TYPE]);
    boolean hasChannel = (seen & 1 << CHANNEL) != 0;
    Channel channel = hasChannel ? (Channel) pick(CHANNELS, CHANNEL_VALUES, at[CHANNEL], len[CHANNEL]) : null;
    if (type == null || (hasChannel && channel == null)) return null;
    if ((seen & 1 << ITEM) == 0 && type.needsItem()) return null;
    if (!valueOk(type, value)) return null;
    String[] s = new String[FIELDS.length];
    int strings = seen & ~NOT_TEXT;
    for (int f = 0; f < s.length; f++) {
      if ((strings & (1 << f)) != 0) s[f] = new String(b, at[f], len[f], StandardCharsets.UTF_8);
    }
    return new Event(s[ID], s[USER], type, s[ITEM], time, s[SESSION], channel, value, s[QUERY], items, s[TEXT],
        s[REQUEST_ID]);
  }

  /** EventJson's value rules. */
  private static boolean valueOk(EventType type, Double value) {
    if (type == EventType.RATE) return value != null && EventJson.ratingProblem(value) == null;
    return type != EventType.PURCHASE || value == null || value >= 0;
  }

  private void skipSpace() {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
  }

  private boolean take(char c) {
    if (i < end && b[i] == c) {
      i++;
      return true;
    }
    return false;
  }

  /** Index of the field name at i in {@link EventJson#FIELDS}, or -1. */
  private int fieldName() {
    int from = stringBody();
    if (from < 0) return -1;
    int n = i - 1 - from;
    for (int k = 0; k < FIELDS.length; k++) if (same(FIELDS[k], from, n)) return k;
    return -1;
  }

  /**
   * Steps over a string without escapes or control characters; returns where its content starts
   * (it ends just before i - 1), or -1.
   */
  private int stringBody() {
    if (!take('"')) return -1;
    int from = i;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        return from;
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) return -1; // Jackson unescapes or rejects these
      i++;
    }
    return -1;
  }

  private String string() {
    int from = stringBody();
    return from < 0 ? null : new String(b, from, i - 1 - from, StandardCharsets.UTF_8);
  }

  /** The enum constant whose wire name is the bytes {@code [from, from + n)}, or null. */
  private Object pick(byte[][] names, Object[] values, int from, int n) {
    for (int k = 0; k < names.length; k++) if (same(names[k], from, n)) return values[k];
    return null;
  }

  /** Epoch milliseconds from a short non-negative integer or an ISO-8601 string, else Long.MIN_VALUE. */
  private long time() {
    if (i < end && b[i] == '"') {
      String s = string();
      if (s == null) return Long.MIN_VALUE;
      try {
        return Times.parseIso(s);
      } catch (IllegalArgumentException e) {
        return Long.MIN_VALUE; // the full parser words the error
      }
    }
    int from = i;
    long v = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') v = v * 10 + (b[i++] - '0');
    int n = i - from;
    if (n == 0 || n > MAX_NUMBER || (b[from] == '0' && n > 1) || endsNumber()) return Long.MIN_VALUE;
    return v;
  }

  /** A short non-negative number without exponent ({@code 12}, {@code 4.5}), as Jackson reads it; else null. */
  private Double number() {
    int from = i;
    int digits = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
      digits++;
    }
    if (digits == 0 || (b[from] == '0' && digits > 1)) return null;
    if (i < end && b[i] == '.') {
      i++;
      int frac = 0;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
        frac++;
      }
      if (frac == 0) return null;
    }
    if (i - from > MAX_NUMBER || endsNumber()) return null;
    // Jackson: an integer token as (double) its long, a decimal one by Double.parseDouble; equal here
    return Double.parseDouble(new String(b, from, i - from, StandardCharsets.ISO_8859_1));
  }

  /** True when the number just read runs on (exponent, more signs): not ours. */
  private boolean endsNumber() {
    if (i >= end) return false;
    byte c = b[i];
    return c == 'e' || c == 'E' || c == '.' || c == '-' || c == '+' || (c >= '0' && c <= '9');
  }

  /** A non-empty array of non-empty plain strings, else null. */
  private List<String> list() {
    if (!take('[')) return null;
    List<String> out = new ArrayList<>();
    skipSpace();
    if (take(']')) return out;
    while (true) {
      String s = string();
      if (s == null || s.isEmpty()) return null;
      out.add(s);
      skipSpace();
      if (take(']')) return out;
      if (!take(',')) return null;
      skipSpace();
    }
  }

  private boolean same(byte[] name, int from, int n) {
    if (name.length != n) return false;
    for (int k = 0; k < n; k++) if (b[from + k] != name[k]) return false;
    return true;
  }

  private static byte[][] names(String[] s) {
    byte[][] out = new byte[s.length][];
    for (int k = 0; k < s.length; k++) out[k] = s[k].getBytes(StandardCharsets.UTF_8);
    return out;
  }

  private static String[] enumNames(EventType[] values) {
    String[] out = new String[values.length];
    for (int k = 0; k < values.length; k++) out[k] = values[k].wireName();
    return out;
  }

  private static String[] enumNames(Channel[] values) {
    String[] out = new String[values.length];
    for (int k = 0; k < values.length; k++) out[k] = values[k].wireName();
    return out;
  }
}
