package io.shopsense.server.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of query parameters: unknown names and repeated names are refused, types are not
 * coerced ({@code n=ten} is an error, booleans are exactly {@code true} or {@code false}), ranges are
 * checked. Every failure is an {@link ApiException} 400 naming the parameter.
 */
public final class Params {
  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Checks the names against {@code allowed}.
   *
   * @throws ApiException 400 for an unknown or repeated parameter
   */
  public static Params of(Map<String, List<String>> query, Set<String> allowed) {
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest(e.getKey(), "unknown parameter '" + shorten(e.getKey()) + "'"
            + (allowed.isEmpty() ? " (this route takes none)" : " (expected one of " + String.join(", ", allowed) + ")"));
      }
      if (e.getValue().size() > 1) throw ApiException.badRequest(e.getKey(), "parameter given more than once");
    }
    return new Params(query);
  }

  /** The raw value, or null when absent. */
  private String raw(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A text value of 1..maxLen characters, or null when absent. */
  public String string(String name, int maxLen) {
    String s = raw(name);
    if (s == null) return null;
    if (s.isEmpty()) throw ApiException.badRequest(name, "must not be empty (leave the parameter out instead)");
    if (s.length() > maxLen) {
      throw ApiException.badRequest(name, "too long: " + s.length() + " characters (at most " + maxLen + ")");
    }
    return s;
  }

  /** A required text value of 1..maxLen characters. */
  public String required(String name, int maxLen) {
    String s = string(name, maxLen);
    if (s == null) throw ApiException.badRequest(name, "required parameter is missing");
    return s;
  }

  /** An integer in {@code [min, max]}, or {@code def} when absent. */
  public int intIn(String name, int def, int min, int max) {
    String s = raw(name);
    if (s == null) return def;
    long v;
    try {
      if (s.isEmpty() || s.length() > 11) throw new NumberFormatException();
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "expected an integer, got \"" + shorten(s) + "\"");
    }
    if (v < min || v > max) throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", got " + v);
    return (int) v;
  }

  /** A finite number in {@code [min, max]}, or null when absent. */
  public Double number(String name, double min, double max) {
    String s = raw(name);
    if (s == null) return null;
    double v;
    try {
      // Double.parseDouble accepts "NaN", "Infinity", "1d" and hex floats: allow plain decimals only
      if (s.isEmpty() || s.length() > 32 || !s.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
        throw new NumberFormatException();
      }
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "expected a number, got \"" + shorten(s) + "\"");
    }
    if (!Double.isFinite(v) || v < min || v > max) {
      throw ApiException.badRequest(name, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + s);
    }
    return v;
  }

  /** Exactly {@code true} or {@code false}, or {@code def} when absent. */
  public boolean bool(String name, boolean def) {
    Boolean b = boolOrNull(name);
    return b == null ? def : b;
  }

  /** Exactly {@code true} or {@code false}, or null when absent. */
  public Boolean boolOrNull(String name) {
    String s = raw(name);
    if (s == null) return null;
    if (s.equals("true")) return Boolean.TRUE;
    if (s.equals("false")) return Boolean.FALSE;
    throw ApiException.badRequest(name, "expected true or false, got \"" + shorten(s) + "\"");
  }

  /** One of {@code allowed}, or {@code def} when absent. */
  public String oneOf(String name, List<String> allowed, String def) {
    String s = raw(name);
    if (s == null) return def;
    if (!allowed.contains(s)) {
      throw ApiException.badRequest(name, "unknown value \"" + shorten(s) + "\" (expected one of " + String.join(", ", allowed) + ")");
    }
    return s;
  }

  /** A comma-separated list of 1..maxItems non-empty ids, or an empty list when absent. */
  public List<String> idList(String name, int maxItems, int maxLen) {
    String s = string(name, maxItems * (maxLen + 1));
    if (s == null) return List.of();
    List<String> out = List.of(s.split(",", -1));
    if (out.size() > maxItems) throw ApiException.badRequest(name, "at most " + maxItems + " ids, got " + out.size());
    for (String id : out) {
      if (id.isEmpty()) throw ApiException.badRequest(name, "must not hold empty ids");
      if (id.length() > maxLen) throw ApiException.badRequest(name, "id too long (at most " + maxLen + " characters)");
    }
    return out;
  }

  static String shorten(String s) {
    String v = s.length() > 60 ? s.substring(0, 57) + "..." : s;
    return v.replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
