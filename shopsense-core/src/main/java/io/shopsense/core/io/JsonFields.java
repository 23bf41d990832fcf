package io.shopsense.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, strict reads of one field value from a streaming parser positioned on that value. A JSON
 * {@code null} means "absent". Wrong types are errors: nothing is coerced ({@code "12"} is not a
 * number, {@code "yes"} is not a boolean).
 */
final class JsonFields {
  private JsonFields() {}

  static String string(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) return p.getText();
    if (t == JsonToken.VALUE_NULL) return null;
    throw wrongType(p, field, "a string");
  }

  /** A string that, when present, must not be empty (ids). */
  static String id(JsonParser p, String field) throws IOException {
    String s = string(p, field);
    if (s != null && s.isEmpty()) throw new RecordError(field, "must not be empty");
    return s;
  }

  /** A finite number, or null. */
  static Double number(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (!Double.isFinite(d)) throw new RecordError(field, "number out of range: " + p.getText());
      return d;
    }
    if (t == JsonToken.VALUE_NULL) return null;
    throw wrongType(p, field, "a number");
  }

  /** A number that, when present, must be zero or more. */
  static Double nonNegative(JsonParser p, String field) throws IOException {
    Double d = number(p, field);
    if (d != null && d < 0) throw new RecordError(field, "must not be negative, got " + p.getText());
    return d;
  }

  static Boolean bool(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) return Boolean.TRUE;
    if (t == JsonToken.VALUE_FALSE) return Boolean.FALSE;
    if (t == JsonToken.VALUE_NULL) return null;
    throw wrongType(p, field, "true or false");
  }

  /** Epoch milliseconds from an integer or an ISO-8601 string; Long.MIN_VALUE for null. */
  static long time(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new RecordError(field, "time out of range: " + p.getText());
      }
      long v = p.getLongValue();
      if (v == Long.MIN_VALUE) throw new RecordError(field, "time out of range: " + p.getText());
      return v;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText();
      try {
        return Times.parseIso(s);
      } catch (IllegalArgumentException e) {
        throw new RecordError(field, "expected epoch milliseconds or an ISO-8601 time such as "
            + "2024-03-01T12:00:00Z, got " + quote(s));
      }
    }
    if (t == JsonToken.VALUE_NULL) return Long.MIN_VALUE;
    throw wrongType(p, field, "epoch milliseconds (an integer) or an ISO-8601 time");
  }

  /** An array of non-empty strings, or null. */
  static List<String> stringList(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) return null;
    if (t != JsonToken.START_ARRAY) throw wrongType(p, field, "an array of strings");
    List<String> out = new ArrayList<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) throw wrongType(p, field, "an array of strings");
      String s = p.getText();
      if (s.isEmpty()) throw new RecordError(field, "must not hold empty ids");
      out.add(s);
    }
    return out;
  }

  /**
   * An object of scalar values, kept as text in document order; or null. Numbers and booleans are
   * accepted and kept as their JSON text ({@code "size":42} becomes "42"): attributes are free-form.
   */
  static Map<String, String> attributes(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) return null;
    if (t != JsonToken.START_OBJECT) throw wrongType(p, field, "an object");
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) continue;
      if (!t.isScalarValue()) {
        throw new RecordError(field, "attribute '" + key + "' must be a string, number or boolean, got " + describe(p));
      }
      if (out.put(key, p.getText()) != null) throw new RecordError(field, "attribute '" + key + "' appears twice");
    }
    return out;
  }

  static RecordError wrongType(JsonParser p, String field, String expected) throws IOException {
    return new RecordError(field, "expected " + expected + ", got " + describe(p));
  }

  static RecordError unknownField(String field, String allowed) {
    return new RecordError(field, "unknown field (expected one of " + allowed + ")");
  }

  static RecordError duplicate(String field) {
    return new RecordError(field, "appears more than once");
  }

  static RecordError missing(String field) {
    return new RecordError(field, "required field is missing");
  }

  /** Marks a field as seen; throws when it was seen before. Bit {@code bit} of {@code seen}. */
  static int once(int seen, int bit, String field) {
    if ((seen & (1 << bit)) != 0) throw duplicate(field);
    return seen | (1 << bit);
  }

  /** The current value as the user wrote it, for messages: {@code string "abc"}, {@code number 12}, ... */
  static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) return "nothing";
    switch (t) {
      case VALUE_STRING:
        return "string " + quote(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "number " + p.getText();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return p.getText();
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      default:
        return t.asString() == null ? t.name() : t.asString();
    }
  }

  /** Quotes a user value for a message, shortened so one bad line stays one readable line. */
  static String quote(String s) {
    return "\"" + shorten(s) + "\"";
  }

  /** A user-given name (type, kind, channel) in single quotes for a message. */
  static String name(String s) {
    return "'" + shorten(s) + "'";
  }

  private static String shorten(String s) {
    String v = s.length() > 60 ? s.substring(0, 57) + "..." : s;
    return v.replace("\n", "\\n").replace("\r", "\\r");
  }
}
