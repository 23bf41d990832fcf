package io.shopsense.core.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

  /**
   * The list as a JSON array of strings, escaped as Jackson's generator escapes (so stored text does
   * not depend on which path wrote it). Hand-written because the importer writes one per impression:
   * an ObjectMapper call costs several times the row's insert.
   */
  static String writeList(List<String> list) {
    StringBuilder sb = new StringBuilder(2 + list.size() * 10);
    sb.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) sb.append(',');
      String s = list.get(i);
      if (s == null) {
        sb.append("null");
      } else {
        sb.append('"');
        if (plain(s)) sb.append(s);
        else sb.append(JsonStringEncoder.getInstance().quoteAsString(s));
        sb.append('"');
      }
    }
    return sb.append(']').toString();
  }

  /** True when the string needs no JSON escape (no control character, quote or backslash). */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == '"' || ch == '\\') return false;
    }
    return true;
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
