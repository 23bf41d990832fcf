package io.shopsense.server.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.shopsense.core.model.Channel;
import io.shopsense.engine.ShopSense;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.auth.Access;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopper routes besides the profile read: erasure (admin), identity links, and removal of an
 * interest the shopper does not want used.
 */
public final class UserRoutes {
  static final List<String> INTEREST_KINDS = List.of("category", "brand", "shop", "price_band");
  private static final Set<String> LINK_FIELDS = Set.of("alias", "channel");

  private final ShopSense engine;
  private final ServerOptions options;

  public UserRoutes(ShopSense engine, ServerOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    ParamDoc id = ParamDoc.path("id", "shopper id or alias");
    return List.of(
        new RouteSpec(DELETE, "/v1/users/{id}", Access.ADMIN,
            "Erase the shopper everywhere: events, profile, identity links, caches, live state, model factors",
            List.of(id), null, 200, "EraseReport", List.of(400), this::erase),
        new RouteSpec(POST, "/v1/users/{id}/identities", Access.SERVING,
            "Link an alias (device, channel or anonymous id) to the shopper; an anonymous session merges on login",
            List.of(id), "IdentityLink", 200, "Linked", List.of(400, 409, 413, 415), this::link),
        new RouteSpec(DELETE, "/v1/users/{id}/interests/{kind}/{value}", Access.SERVING,
            "Remove one of the shopper's interests so it is no longer used", List.of(id,
                new ParamDoc("kind", "path", "string", true, "interest kind", null, null, INTEREST_KINDS),
                ParamDoc.path("value", "the category, brand, shop or price band to forget")),
            null, 204, null, List.of(400, 404, 409), this::removeInterest));
  }

  /** A path parameter checked for length. */
  static String pathId(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (v.isEmpty()) throw ApiException.badRequest(name, "must not be empty");
    if (v.length() > ReadRoutes.MAX_ID) {
      throw ApiException.badRequest(name, "too long (at most " + ReadRoutes.MAX_ID + " characters)");
    }
    return v;
  }

  private void erase(Context ctx) {
    Json.send(ctx, 200, engine.erase(pathId(ctx, "id")));
  }

  private void link(Context ctx) {
    String user = pathId(ctx, "id");
    ObjectNode body = Bodies.object(Bodies.read(ctx, options.maxBodyBytes()), LINK_FIELDS);
    String alias = Bodies.string(body, "alias", "alias", true, ReadRoutes.MAX_ID);
    String ch = Bodies.string(body, "channel", "channel", true, 16);
    Channel channel = Channel.fromWire(ch);
    if (channel == null) {
      throw ApiException.badRequest("channel", "unknown channel \"" + Params.shorten(ch) + "\" (expected one of "
          + String.join(", ", ReadRoutes.CHANNELS) + ")");
    }
    if (alias.equals(user)) throw ApiException.badRequest("alias", "must differ from the shopper id");
    engine.link(user, alias, channel);
    Json.send(ctx, 200, Map.of("user", user, "alias", alias, "channel", channel.wireName()));
  }

  private void removeInterest(Context ctx) {
    String user = pathId(ctx, "id");
    String kind = ctx.pathParam("kind");
    if (!INTEREST_KINDS.contains(kind)) {
      throw ApiException.badRequest("kind", "unknown interest kind \"" + Params.shorten(kind) + "\" (expected one of "
          + String.join(", ", INTEREST_KINDS) + ")");
    }
    engine.removeInterest(user, kind, pathId(ctx, "value"));
    ctx.status(204);
  }
}
