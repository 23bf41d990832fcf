package io.shopsense.server.http;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.Experiment;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.auth.Access;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A/B experiments (admin key): create or replace one, list them, and read one with its per-variant
 * report (impressions, CTR and conversion with Wilson 95% intervals, revenue per impression with a
 * normal 95% interval).
 */
public final class ExperimentRoutes {
  private static final Set<String> FIELDS = Set.of("id", "scenario", "variants", "active");
  private static final Set<String> VARIANT_FIELDS = Set.of("name", "weight", "config");

  private final ShopSense engine;
  private final ServerOptions options;

  public ExperimentRoutes(ShopSense engine, ServerOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    return List.of(
        new RouteSpec(GET, "/v1/experiments", Access.ADMIN, "List experiments", List.of(), null, 200, "Experiments",
            List.of(), ctx -> Json.send(ctx, 200, Map.of("experiments", engine.experiments()))),
        new RouteSpec(POST, "/v1/experiments", Access.ADMIN,
            "Create or replace an experiment (variants are named config overrides; assignment is sticky by shopper)",
            List.of(), "ExperimentInput", 201, "Experiment", List.of(400, 413, 415), this::put),
        new RouteSpec(GET, "/v1/experiments/{id}", Access.ADMIN, "An experiment and its per-variant report",
            List.of(ParamDoc.path("id", "experiment id")), null, 200, "ExperimentWithReport", List.of(404),
            this::get));
  }

  private void get(Context ctx) {
    String id = UserRoutes.pathId(ctx, "id");
    Experiment e = engine.experiments().stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new ApiException(404, "id", "no experiment \"" + Params.shorten(id) + "\""));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment", e);
    body.put("report", engine.experimentReport(id));
    Json.send(ctx, 200, body);
  }

  private void put(Context ctx) {
    ObjectNode o = Bodies.object(Bodies.read(ctx, options.maxBodyBytes()), FIELDS);
    String id = Bodies.string(o, "id", "id", true, 64);
    String scenario = Bodies.string(o, "scenario", "scenario", false, 64);
    boolean active = Bodies.bool(o, "active", "active", true);
    JsonNode vs = o.get("variants");
    if (vs == null || vs.isNull()) throw ApiException.badRequest("variants", "required field is missing");
    if (!vs.isArray()) throw ApiException.badRequest("variants", "expected an array, got " + Bodies.describe(vs));
    List<Experiment.Variant> variants = new ArrayList<>();
    for (int i = 0; i < vs.size(); i++) {
      String at = "variants[" + i + "]";
      JsonNode v = vs.get(i);
      if (!v.isObject()) throw ApiException.badRequest(at, "expected an object, got " + Bodies.describe(v));
      ObjectNode vo = (ObjectNode) v;
      Bodies.checkFields(vo, VARIANT_FIELDS, at + ".");
      String name = Bodies.string(vo, "name", at + ".name", true, 64);
      Double weight = Bodies.number(vo, "weight", at + ".weight");
      variants.add(new Experiment.Variant(name, weight == null ? 1 : weight, config(vo.get("config"), at + ".config")));
    }
    Experiment saved = engine.putExperiment(new Experiment(id, scenario, variants, active, 0));
    Json.send(ctx, 201, saved);
  }

  /** Config overrides: an object of scalar values, kept as text. */
  private static Map<String, String> config(JsonNode c, String label) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c == null || c.isNull()) return out;
    if (!c.isObject()) throw ApiException.badRequest(label, "expected an object of config keys, got " + Bodies.describe(c));
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw ApiException.badRequest(label, "value of '" + Params.shorten(e.getKey()) + "' must be a string, number or boolean");
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }
}
