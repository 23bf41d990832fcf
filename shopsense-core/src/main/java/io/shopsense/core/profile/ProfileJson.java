package io.shopsense.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.stream.Collectors;

/**
 * {@link UserProfile} to and from the JSON document kept by
 * {@link io.shopsense.core.store.UserStore#saveProfile}: snake_case field names
 * ({@code first_seen}, {@code top_categories}, {@code recent_items}, ...), times as epoch ms, maps in
 * the profile's order. Reading rejects unknown fields. Doubles round-trip exactly. Thread-safe.
 */
public final class ProfileJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private ProfileJson() {}

  public static String write(UserProfile profile) {
    try {
      return MAPPER.writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the profile of " + profile.user() + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses a stored profile.
   *
   * @throws IllegalArgumentException naming the problem when the document is not a valid profile
   */
  public static UserProfile read(String json) {
    try {
      return MAPPER.readValue(json, UserProfile.class);
    } catch (JsonMappingException e) {
      String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      throw new IllegalArgumentException("bad profile JSON" + (field.isEmpty() ? "" : " at field '" + field + "'")
          + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad profile JSON: " + e.getOriginalMessage(), e);
    }
  }
}
