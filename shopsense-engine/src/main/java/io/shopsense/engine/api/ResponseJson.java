package io.shopsense.engine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of the API (DESIGN.md section 4), written in one place so the CLI's {@code --json}
 * and the HTTP server print the same bytes: snake_case names ({@code request_id}), null fields
 * omitted (so {@code source}, {@code reason} and {@code facets} appear only when set), maps in their
 * own order. Works for every record of this package. Thread-safe.
 */
public final class ResponseJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  private ResponseJson() {}

  /** The shared mapper (snake_case, nulls omitted); do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Any API record as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** An error body: {@code {"error":{"status":400,"message":"...","field":"n"}}} (field omitted when null). */
  public static String error(int status, String message, String field) {
    return write(java.util.Map.of("error", new ErrorBody(status, message, field)));
  }

  private record ErrorBody(int status, String message, String field) {}
}
