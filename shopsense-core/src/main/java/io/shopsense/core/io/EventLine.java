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

  private Event event() {
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
      switch (f) {
        case 0 -> { if ((id = nonEmpty()) == null) return null; }
        case 1 -> { if ((user = nonEmpty()) == null) return null; }
        case 2 -> { if ((type = pick(TYPES, TYPE_VALUES)) == null) return null; }
        case 3 -> { if ((item = nonEmpty()) == null) return null; }
        case 4 -> { if ((time = time()) == Long.MIN_VALUE) return null; }
        case 5 -> { if ((session = string()) == null) return null; }
        case 6 -> { if ((channel = pick(CHANNELS, CHANNEL_VALUES)) == null) return null; }
        case 7 -> { if ((value = number()) == null) return null; }
        case 8 -> { if ((query = string()) == null) return null; }
        case 9 -> { if ((items = list()) == null) return null; }
        case 10 -> { if ((text = string()) == null) return null; }
        case 11 -> { if ((requestId = nonEmpty()) == null) return null; }
        default -> { return null; }
      }
      skipSpace();
      if (take('}')) break;
      if (!take(',')) return null;
      skipSpace();
    }
    skipSpace();
    if (i != end || user == null || type == null || time == Long.MIN_VALUE) return null;
    if (item == null && type.needsItem()) return null;
    if (type == EventType.RATE ? value == null || EventJson.ratingProblem(value) != null
        : type == EventType.PURCHASE && value != null && value < 0) {
      return null;
    }
    return new Event(id, user, type, item, time, session, channel, value, query, items, text, requestId);
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

  /** A string that must not be empty (ids), or null. */
  private String nonEmpty() {
    String s = string();
    return s == null || s.isEmpty() ? null : s;
  }

  private <E> E pick(byte[][] names, E[] values) {
    int from = stringBody();
    if (from < 0) return null;
    int n = i - 1 - from;
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
      String s = nonEmpty();
      if (s == null) return null;
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
