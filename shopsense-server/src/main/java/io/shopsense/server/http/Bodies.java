package io.shopsense.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request bodies: JSON only (415 otherwise), at most a configured size (413, checked on the
 * declared length and again while reading, so a chunked body cannot exceed it), and strict reads of
 * small JSON objects (unknown and repeated fields refused, no type coercion) for the bodies that are
 * not records of the data contract.
 */
public final class Bodies {
  private static final ObjectMapper TREE = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Bodies() {}

  /**
   * The body bytes after the content-type and size checks.
   *
   * @throws ApiException 415 for a non-JSON content type, 413 when too large, 400 when empty
   */
  public static byte[] read(Context ctx, long maxBytes) {
    String type = ctx.header("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mime.equals("application/json")) {
      throw new ApiException(415, null, "the body must be JSON: send Content-Type: application/json"
          + (type == null ? "" : " (got " + Params.shorten(type) + ")"));
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge(maxBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buf = new byte[16384];
    try (InputStream in = ctx.req().getInputStream()) {
      long total = 0;
      int r;
      while ((r = in.read(buf)) > 0) {
        total += r;
        if (total > maxBytes) throw tooLarge(maxBytes);
        out.write(buf, 0, r);
      }
    } catch (IOException e) {
      throw ApiException.badRequest(null, "could not read the request body: " + e.getMessage());
    }
    if (out.size() == 0) throw ApiException.badRequest(null, "the request body is empty");
    return out.toByteArray();
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(413, null, "request body too large (at most " + maxBytes + " bytes)");
  }

  /**
   * A JSON object whose field names must all be in {@code allowed}.
   *
   * @throws ApiException 400 for malformed JSON, a non-object, or an unknown field
   */
  public static ObjectNode object(byte[] body, Set<String> allowed) {
    JsonNode n;
    try {
      n = TREE.readTree(body);
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      int cut = m.indexOf('\n');
      throw ApiException.badRequest(null, "malformed JSON: " + (cut >= 0 ? m.substring(0, cut) : m));
    } catch (IOException e) {
      throw ApiException.badRequest(null, "could not read the request body: " + e.getMessage());
    }
    if (n == null || !n.isObject()) throw ApiException.badRequest(null, "expected a JSON object");
    checkFields((ObjectNode) n, allowed, "");
    return (ObjectNode) n;
  }

  /** Refuses fields outside {@code allowed}; {@code prefix} names the enclosing field in messages. */
  public static void checkFields(ObjectNode o, Set<String> allowed, String prefix) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiException.badRequest(prefix + f, "unknown field (expected one of " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** A string field of 1..maxLen characters; null when absent or JSON null and not required. */
  public static String string(ObjectNode o, String field, String label, boolean required, int maxLen) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) throw ApiException.badRequest(label, "required field is missing");
      return null;
    }
    if (!v.isTextual()) throw ApiException.badRequest(label, "expected a string, got " + describe(v));
    String s = v.textValue();
    if (s.isEmpty()) throw ApiException.badRequest(label, "must not be empty");
    if (s.length() > maxLen) throw ApiException.badRequest(label, "too long (at most " + maxLen + " characters)");
    return s;
  }

  /** A boolean field, or {@code def} when absent. */
  public static boolean bool(ObjectNode o, String field, String label, boolean def) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return def;
    if (!v.isBoolean()) throw ApiException.badRequest(label, "expected true or false, got " + describe(v));
    return v.booleanValue();
  }

  /** A finite number field, or {@code null} when absent. */
  public static Double number(ObjectNode o, String field, String label) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber()) throw ApiException.badRequest(label, "expected a number, got " + describe(v));
    double d = v.doubleValue();
    if (!Double.isFinite(d)) throw ApiException.badRequest(label, "number out of range");
    return d;
  }

  /**
   * An array of 1..max non-empty strings.
   *
   * @throws ApiException 400 for a bad element, 413 for more than {@code max}
   */
  public static List<String> ids(ObjectNode o, String field, int max, int maxLen) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) throw ApiException.badRequest(field, "required field is missing");
    if (!v.isArray()) throw ApiException.badRequest(field, "expected an array of strings, got " + describe(v));
    if (v.size() == 0) throw ApiException.badRequest(field, "must hold at least one id");
    if (v.size() > max) throw new ApiException(413, field, "too many ids: at most " + max + " per request");
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual() || e.textValue().isEmpty()) {
        throw ApiException.badRequest(field, "expected non-empty string ids, got " + describe(e));
      }
      if (e.textValue().length() > maxLen) throw ApiException.badRequest(field, "id too long (at most " + maxLen + " characters)");
      out.add(e.textValue());
    }
    return out;
  }

  /** The JSON kind of a value, for messages. */
  public static String describe(JsonNode v) {
    if (v.isTextual()) return "string \"" + Params.shorten(v.textValue()) + "\"";
    if (v.isNumber()) return "number " + v.asText();
    if (v.isBoolean()) return v.asText();
    if (v.isNull()) return "null";
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
