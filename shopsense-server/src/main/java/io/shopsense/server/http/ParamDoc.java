package io.shopsense.server.http;

import java.util.List;

/**
 * One documented parameter of a route: what {@code /openapi.json} says about it, and (for query
 * parameters) the names {@link Params} accepts.
 *
 * @param name the parameter name
 * @param in {@code query} or {@code path}
 * @param type {@code string}, {@code integer}, {@code number} or {@code boolean}
 * @param required whether it must be given
 * @param description what it means
 * @param min lowest value (numbers) or shortest length (strings), or null
 * @param max highest value (numbers) or longest length (strings), or null
 * @param values the allowed values, or empty
 */
public record ParamDoc(String name, String in, String type, boolean required, String description, Number min,
    Number max, List<String> values) {

  public ParamDoc {
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static ParamDoc path(String name, String description) {
    return new ParamDoc(name, "path", "string", true, description, 1, 256, List.of());
  }

  public static ParamDoc text(String name, boolean required, int maxLen, String description) {
    return new ParamDoc(name, "query", "string", required, description, 1, maxLen, List.of());
  }

  public static ParamDoc integer(String name, int min, int max, String description) {
    return new ParamDoc(name, "query", "integer", false, description, min, max, List.of());
  }

  public static ParamDoc number(String name, double min, String description) {
    return new ParamDoc(name, "query", "number", false, description, min, null, List.of());
  }

  public static ParamDoc number(String name, double min, double max, String description) {
    return new ParamDoc(name, "query", "number", false, description, min, max, List.of());
  }

  public static ParamDoc bool(String name, String description) {
    return new ParamDoc(name, "query", "boolean", false, description, null, null, List.of());
  }

  public static ParamDoc oneOf(String name, List<String> values, String description) {
    return new ParamDoc(name, "query", "string", false, description, null, null, values);
  }
}
