package io.shopsense.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.server.auth.Access;
import io.shopsense.server.http.ParamDoc;
import io.shopsense.server.http.RouteSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OpenAPI 3.0 document of {@code /openapi.json}: paths built from the route table (so every
 * registered route is documented, with its parameters, body, success and error responses, and the key
 * it needs) and the hand-written component schemas of {@code openapi-components.json}.
 */
public final class OpenApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Errors every route can answer. */
  private static final List<Integer> COMMON = List.of(429, 500);
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad input; the error names the field or parameter"),
      Map.entry(401, "Missing or wrong X-Api-Key"),
      Map.entry(403, "The serving key cannot call an admin route"),
      Map.entry(404, "Unknown route or resource"),
      Map.entry(405, "Method not allowed on this path"),
      Map.entry(409, "Conflict: the shopper was erased, or a training run is already in progress"),
      Map.entry(413, "Body or batch too large"),
      Map.entry(415, "The body must be application/json"),
      Map.entry(429, "Rate limited; see Retry-After"),
      Map.entry(500, "Internal error (the body carries a request id found in the server log)"));

  private OpenApi() {}

  /** The document for these routes. */
  public static String document(List<RouteSpec> routes, String version) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "ShopSense API");
    info.put("version", version);
    info.put("description", "Personalized search and recommendation for e-commerce. Keys travel in X-Api-Key: "
        + "the serving key for reads and events, the admin key for everything. Errors are "
        + "{\"error\":{\"status\":400,\"message\":\"...\",\"field\":\"n\"}}.");
    ObjectNode paths = doc.putObject("paths");
    for (RouteSpec r : routes) {
      ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      item.set(r.method().name().toLowerCase(Locale.ROOT), operation(r));
    }
    ObjectNode console = paths.has("/") ? (ObjectNode) paths.get("/") : paths.putObject("/");
    ObjectNode get = console.putObject("get"); // static files, not a registered route (or a placeholder)
    get.put("summary", "The web console (static files)");
    get.put("operationId", "console");
    get.putArray("security");
    get.putObject("responses").putObject("200").put("description", "HTML").putObject("content")
        .putObject("text/html").putObject("schema").put("type", "string");
    ObjectNode components = load();
    ObjectNode schemes = components.putObject("securitySchemes");
    schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-Api-Key");
    doc.set("components", components);
    return doc.toPrettyString();
  }

  private static ObjectNode operation(RouteSpec r) {
    ObjectNode op = JSON.createObjectNode();
    op.put("summary", r.summary());
    op.put("operationId", operationId(r));
    if (r.access() != Access.PUBLIC) {
      op.put("description", "Needs the " + (r.access() == Access.ADMIN ? "admin" : "serving (or admin)") + " key.");
      op.putArray("security").addObject().putArray("apiKey");
    } else {
      op.putArray("security"); // explicitly open
    }
    if (!r.params().isEmpty()) {
      ArrayNode ps = op.putArray("parameters");
      for (ParamDoc p : r.params()) ps.add(parameter(p));
    }
    if (r.requestSchema() != null) {
      ObjectNode body = op.putObject("requestBody");
      body.put("required", true);
      body.putObject("content").putObject("application/json").putObject("schema")
          .put("$ref", "#/components/schemas/" + r.requestSchema());
    }
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject(Integer.toString(r.okStatus()));
    ok.put("description", r.okStatus() == 204 ? "Done, no body" : r.okStatus() == 202 ? "Accepted and durable" : "Success");
    if (r.responseSchema() != null) {
      ok.putObject("content").putObject(r.path().equals("/metrics") ? "text/plain" : "application/json")
          .putObject("schema").put("$ref", "#/components/schemas/" + r.responseSchema());
    }
    TreeSet<Integer> errors = new TreeSet<>(r.errors());
    errors.addAll(COMMON);
    if (r.access() != Access.PUBLIC) errors.add(401);
    if (r.access() == Access.ADMIN) errors.add(403);
    for (int status : errors) {
      ObjectNode e = responses.putObject(Integer.toString(status));
      e.put("description", REASONS.getOrDefault(status, "Error"));
      e.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    }
    return op;
  }

  private static ObjectNode parameter(ParamDoc p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", p.name());
    n.put("in", p.in());
    n.put("required", p.required());
    n.put("description", p.description());
    ObjectNode s = n.putObject("schema");
    s.put("type", p.type());
    if (!p.values().isEmpty()) {
      ArrayNode e = s.putArray("enum");
      p.values().forEach(e::add);
    }
    boolean text = p.type().equals("string");
    if (p.min() != null) {
      if (text) s.put("minLength", p.min().intValue());
      else s.put("minimum", p.min().doubleValue());
    }
    if (p.max() != null) {
      if (text) s.put("maxLength", p.max().intValue());
      else s.put("maximum", p.max().doubleValue());
    }
    return n;
  }

  private static String operationId(RouteSpec r) {
    StringBuilder sb = new StringBuilder(r.method().name().toLowerCase(Locale.ROOT));
    for (String part : r.path().split("[/{}_-]+")) {
      if (part.isEmpty()) continue;
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString().replace(".", "");
  }

  private static ObjectNode load() {
    try (InputStream in = OpenApi.class.getResourceAsStream("openapi-components.json")) {
      if (in == null) throw new IllegalStateException("openapi-components.json is missing from the classpath");
      JsonNode n = JSON.readTree(in);
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
