package io.shopsense.core.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.store.StoreException;
import java.util.List;
import java.util.Map;

/** JSON text for the list and map columns (shown items, item attributes). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private Json() {}

  static String writeList(List<String> list) {
    return write(list);
  }

  static String writeMap(Map<String, String> map) {
    return write(map);
  }

  static List<String> readList(String json) {
    try {
      return MAPPER.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored list is not a JSON array of strings: " + json, e);
    }
  }

  static Map<String, String> readMap(String json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored attributes are not a JSON object of strings: " + json, e);
    }
  }

  private static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
