package io.shopsense.server.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.shopsense.core.io.JsonBodies;
import io.shopsense.core.model.Event;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.api.TrainReport;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.auth.Access;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The write routes: events (serving key), catalog upserts and deletes, and training (admin key).
 * Bodies are parsed by {@link JsonBodies}, the JSON Lines importer's own record parsers.
 */
public final class WriteRoutes {
  private final ShopSense engine;
  private final ServerOptions options;
  private final ReentrantLock training = new ReentrantLock();
  private final Consumer<TrainReport> onTrained;

  /**
   * @param onTrained told about every finished training run (metrics)
   */
  public WriteRoutes(ShopSense engine, ServerOptions options, Consumer<TrainReport> onTrained) {
    this.engine = engine;
    this.options = options;
    this.onTrained = onTrained;
  }

  /** The routes. */
  public List<RouteSpec> routes() {
    List<Integer> bodyErrors = List.of(400, 409, 413, 415);
    return List.of(
        new RouteSpec(POST, "/v1/events", Access.SERVING,
            "Ingest one event or an array of events; 202 once they are durable", List.of(), "Events", 202,
            "Accepted", bodyErrors, this::events),
        new RouteSpec(POST, "/v1/items", Access.ADMIN, "Upsert items (search index updated near-real-time)",
            List.of(), "Items", 200, "Upserted", List.of(400, 413, 415),
            ctx -> upserted(ctx, upsert(ctx, b -> JsonBodies.items(b, options.maxBatch()), engine::upsertItems))),
        new RouteSpec(DELETE, "/v1/items/{id}", Access.ADMIN, "Delete an item",
            List.of(ParamDoc.path("id", "item id")), null, 200, "Deleted", List.of(400, 404), this::deleteItem),
        new RouteSpec(POST, "/v1/shops", Access.ADMIN, "Upsert shops", List.of(), "Shops", 200, "Upserted",
            List.of(400, 413, 415),
            ctx -> upserted(ctx, upsert(ctx, b -> JsonBodies.shops(b, options.maxBatch()), engine::upsertShops))),
        new RouteSpec(POST, "/v1/promotions", Access.ADMIN, "Upsert promotions", List.of(), "Promotions", 200,
            "Upserted", List.of(400, 413, 415),
            ctx -> upserted(ctx, upsert(ctx, b -> JsonBodies.promotions(b, options.maxBatch()), engine::upsertPromotions))),
        new RouteSpec(POST, "/v1/train", Access.ADMIN,
            "Train, evaluate on the holdout and publish a snapshot when it passes the gate (synchronous)", List.of(),
            null, 200, "TrainReport", List.of(409), this::train));
  }

  private void events(Context ctx) {
    List<Event> events = JsonBodies.events(Bodies.read(ctx, options.maxBodyBytes()), options.maxBatch());
    int fresh = engine.ingest(events);
    Json.send(ctx, 202, Map.of("accepted", events.size(), "new", fresh));
  }

  private <T> int upsert(Context ctx, java.util.function.Function<byte[], List<T>> parse, Consumer<List<T>> apply) {
    List<T> records = parse.apply(Bodies.read(ctx, options.maxBodyBytes()));
    apply.accept(records);
    return records.size();
  }

  private static void upserted(Context ctx, int n) {
    Json.send(ctx, 200, Map.of("upserted", n));
  }

  private void deleteItem(Context ctx) {
    String id = UserRoutes.pathId(ctx, "id");
    if (!engine.deleteItem(id)) throw new ApiException(404, "id", "no item \"" + Params.shorten(id) + "\"");
    Json.send(ctx, 200, Map.of("deleted", id));
  }

  private void train(Context ctx) {
    if (!training.tryLock()) throw new ApiException(409, null, "a training run is already in progress");
    try {
      TrainReport r = engine.train();
      onTrained.accept(r);
      Json.send(ctx, 200, r);
    } finally {
      training.unlock();
    }
  }
}
