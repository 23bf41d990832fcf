package io.shopsense.engine;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.EngineStats;
import io.shopsense.engine.api.EraseReport;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.ExperimentReport;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.SearchRequestParams;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.engine.api.TrainProgress;
import io.shopsense.engine.api.TrainReport;
import io.shopsense.engine.api.UserProfileView;
import io.shopsense.engine.experiment.Assignment;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.privacy.ProfileViews;
import io.shopsense.engine.scenario.ScenarioEngine;
import io.shopsense.engine.search.SearchService;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.engine.snapshot.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ShopSense engine: one object that a shop's backend (or the HTTP server) talks to. Open it on
 * a data directory; it serves from the newest published model snapshot plus every shopper's live
 * state, takes events and catalog changes on the write path, and trains new snapshots on demand
 * or on a schedule. Thread-safe: every method may be called from many threads at once.
 *
 * <p>Parts: {@link Engine} holds the components; this class is the contract (ENGINE.md) and
 * adds the per-request bookkeeping (request id, experiment variant, counters).
 */
public final class ShopSense implements AutoCloseable {
  private final Engine e;

  private ShopSense(Engine e) {
    this.e = e;
  }

  /** Opens the store and the newest published snapshot under the data dir (does not train). */
  public static ShopSense open(EngineOptions options) {
    try {
      Files.createDirectories(options.dataDir());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot create data directory " + options.dataDir() + ": " + ex.getMessage(), ex);
    }
    String url = options.effectiveStoreUrl();
    Store store = url == null ? Stores.forDataDir(options.dataDir()) : Stores.open(url);
    try {
      return new ShopSense(new Engine(options, store));
    } catch (RuntimeException ex) {
      store.close();
      throw ex;
    }
  }

  public Config config() {
    return e.config;
  }

  // --- write path

  /** Validates, appends durably, then applies to live state; returns how many events were new. */
  public int ingest(List<Event> events) {
    return e.ingestor.ingest(events);
  }

  /**
   * Calls the listener with every event accepted from now on, once it is durable and applied (for
   * dashboards and exports; the web console's live activity). The listener runs on the ingesting
   * thread: keep it quick.
   */
  public void onEvent(java.util.function.Consumer<Event> listener) {
    e.ingestor.listen(listener);
  }

  /** Upserts items into the store, the catalog cache and the search index (searchable on return). */
  public void upsertItems(List<Item> items) {
    e.upsertItems(items);
  }

  public boolean deleteItem(String id) {
    return e.deleteItem(id);
  }

  public void upsertShops(List<Shop> shops) {
    if (shops == null || shops.isEmpty()) return;
    for (Shop s : shops) if (s.id().isBlank()) throw new BadRequestException("id", "shop id must not be blank");
    e.catalog.upsertShops(shops);
  }

  public void upsertPromotions(List<Promotion> promotions) {
    if (promotions == null || promotions.isEmpty()) return;
    for (Promotion p : promotions) {
      if (p.id().isBlank()) throw new BadRequestException("id", "promotion id must not be blank");
      if (!(p.discount() >= 0) || Double.isInfinite(p.discount())) throw new BadRequestException("discount", "discount of " + p.id() + " must be >= 0");
      if (p.ends() < p.starts()) throw new BadRequestException("ends", "promotion " + p.id() + " ends before it starts");
    }
    e.catalog.upsertPromotions(promotions);
  }

  // --- read path

  /**
   * Searches the catalog, re-ranked by the serving snapshot's search ranker; personal for a shopper
   * with history unless {@code personalize=false} or the shopper's experiment variant sets
   * {@code rank.personalize=false}.
   */
  public Response search(SearchRequestParams q) {
    String user = q.personalize() ? e.resolveForRead(q.user()) : null;
    Assignment a = e.experiments.assign("search", user);
    ScenarioEngine.Serving s = e.serving(user, a);
    boolean personal = user != null && e.personalizeSearch(a);
    SearchService.Page p = e.search.search(q, personal ? s.live() : null, s.snap(), s.catalog(), s.now());
    return e.respond(a, user, p.results(), p.facets(), e.searches);
  }

  /** Completions of a prefix, personalised by the shopper's categories and own recent queries. */
  public List<String> suggest(String prefix, String user, int n) {
    if (prefix == null || prefix.isBlank()) throw new BadRequestException("q", "q must not be empty");
    if (prefix.length() > 256) throw new BadRequestException("q", "q must be at most 256 characters");
    if (n < 1 || n > 50) throw new BadRequestException("n", "n must be between 1 and 50, got " + n);
    String u = e.resolveForRead(user);
    LiveView live = u == null ? null : e.live.view(u, e.clock.now());
    return e.suggester().suggest(prefix, live, n);
  }

  public Response recommend(RecommendRequest r) {
    if (r.scenario() == null) throw new BadRequestException("scenario", "scenario is required");
    if (r.channel() != null && Channel.fromWire(r.channel()) == null) throw new BadRequestException("channel", "channel must be app, web or mini");
    String user = e.resolveForRead(r.user());
    Assignment a = e.experiments.assign(r.scenario().wireName(), user);
    List<ResultItem> res = e.scenarios.recommend(r, e.serving(user, a));
    return e.respond(a, user, res, null, e.recommendations);
  }

  /** The same ids in a personalised order; unknown ids are a BadRequestException naming {@code items}. */
  public Response rank(String user, List<String> items, boolean explain) {
    String u = e.resolveForRead(user);
    Assignment a = e.experiments.assign("rank", u);
    List<ResultItem> res = e.scenarios.rank(u, items, explain, e.serving(u, a));
    return e.respond(a, u, res, null, e.recommendations);
  }

  /** What the engine believes about the shopper; empty when it knows nothing of them. */
  public Optional<UserProfileView> profile(String user) {
    String u = e.resolveForRead(user);
    if (u == null) return Optional.empty();
    LiveView v = e.live.view(u, e.clock.now());
    if (!v.hasHistory() && v.removed().isEmpty() && v.profile().eventCounts().isEmpty()) return Optional.empty();
    return Optional.of(ProfileViews.of(v, e.identity.links(u), e.catalog.view(), e.models.current().userRow(u) >= 0));
  }

  /** Removes an interest ({@code category|brand|shop|price_band}); it stays removed. */
  public void removeInterest(String user, String kind, String value) {
    if (!List.of("category", "brand", "shop", "price_band").contains(kind)) {
      throw new BadRequestException("kind", "kind must be category, brand, shop or price_band, got '" + kind + "'");
    }
    if (value == null || value.isBlank()) throw new BadRequestException("value", "value must not be empty");
    String u = e.resolveForWrite(user);
    e.live.removeInterest(u, kind, value.strip());
  }

  /**
   * Links an alias (device, channel account, anonymous id) to a shopper; the alias's live session
   * joins the shopper's (login). Linking is an explicit act, so it also re-creates an erased
   * shopper or alias.
   */
  public void link(String user, String alias, Channel channel) {
    e.link(user, alias, channel);
  }

  /** Re-creates an erased shopper so their events are accepted again; false when they were not erased. */
  public boolean recreate(String user) {
    if (user == null || user.isBlank()) throw new BadRequestException("user", "user must not be empty");
    return e.erased.remove(List.of(user));
  }

  /** Erases the shopper (and linked aliases) from the store, live state, caches and every snapshot. */
  public EraseReport erase(String user) {
    return e.erase(user);
  }

  // --- training and snapshots

  /** Trains with {@code engine.algorithms}, evaluates, gates, publishes atomically. */
  public TrainReport train() {
    return e.train(Trainer.algorithms(e.config.get("engine.algorithms")), false);
  }

  /** Trains the given algorithms; {@code force} publishes even when the gate refuses. */
  public TrainReport train(List<String> algorithms, boolean force) {
    return e.train(Trainer.algorithms(String.join(",", algorithms)), force);
  }

  /**
   * Where training is: the running run's stage, overall fraction and elapsed seconds, or how the last
   * run ended. Cheap and safe from any thread while a training runs (an immutable value).
   */
  public TrainProgress trainProgress() {
    return e.models.progress().current();
  }

  /**
   * Calls the listener with every training progress value, on the training thread, at each stage
   * boundary and ALS/BPR iteration. Keep it quick: an exception it throws fails the training.
   */
  public void onTrainProgress(java.util.function.Consumer<TrainProgress> listener) {
    e.models.progress().listen(listener);
  }

  public List<SnapshotInfo> snapshots() {
    return e.models.list();
  }

  public SnapshotInfo currentSnapshot() {
    return e.models.current().info("current");
  }

  // --- experiments

  public Experiment putExperiment(Experiment x) {
    return e.experiments.put(x);
  }

  public List<Experiment> experiments() {
    return e.experiments.list();
  }

  public ExperimentReport experimentReport(String id) {
    return e.experiments.report(id);
  }

  public EngineStats stats() {
    return e.stats();
  }

  /** The serving snapshot (tests, benchmarks, tools). */
  public ModelSnapshot snapshot() {
    return e.models.current();
  }

  /**
   * Starts loading, on a background thread, the live state of the {@code engine.preload_users} most
   * recently active shoppers, so their first requests after a start do not each read their history
   * from the store. Servers call it when they start; returns at once; a second call does nothing.
   */
  public void warmUp() {
    e.startPreload();
  }

  /** Engine internals for tests in this module and tools (read-only use). */
  public Engine internals() {
    return e;
  }

  /** Saves profiles and experiment counters now (otherwise written behind every few seconds). */
  public void flush() {
    e.flush();
  }

  @Override
  public void close() {
    e.close();
  }

  /** A fresh request id. */
  static String requestId() {
    // a random (version 4) UUID as UUID.randomUUID() makes, from a generator per thread: the JDK's
    // shared one reads /dev/urandom under one global lock, which every request thread queued on
    byte[] b = new byte[16];
    REQUEST_IDS.get().nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0, lsb = 0;
    for (int i = 0; i < 8; i++) msb = (msb << 8) | (b[i] & 0xff);
    for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (b[i] & 0xff);
    return new UUID(msb, lsb).toString();
  }

  private static final ThreadLocal<SecureRandom> REQUEST_IDS = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no DRBG SecureRandom in this JDK", e);
    }
  });
}
