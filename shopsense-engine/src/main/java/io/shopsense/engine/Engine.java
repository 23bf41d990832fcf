package io.shopsense.engine;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.EngineStats;
import io.shopsense.engine.api.EraseReport;
import io.shopsense.engine.api.FacetCount;
import io.shopsense.engine.api.Response;
import io.shopsense.engine.api.ResultItem;
import io.shopsense.engine.api.TrainReport;
import io.shopsense.engine.catalog.CatalogCache;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.catalog.PromotionSpend;
import io.shopsense.engine.experiment.Assignment;
import io.shopsense.engine.experiment.Experiments;
import io.shopsense.engine.live.EngineClock;
import io.shopsense.engine.live.Identity;
import io.shopsense.engine.live.Ingestor;
import io.shopsense.engine.live.LiveState;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.privacy.ErasedUsers;
import io.shopsense.engine.scenario.ScenarioEngine;
import io.shopsense.engine.scenario.ScenarioSettings;
import io.shopsense.engine.search.SearchService;
import io.shopsense.engine.search.Suggester;
import io.shopsense.engine.snapshot.ModelManager;
import io.shopsense.engine.snapshot.ModelSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of an open engine and the operations that span several of them (catalog writes,
 * identity links, erasure, training, per-request bookkeeping). {@link ShopSense} is the public
 * contract over it. Fields are package-private for the facade and this module's tests.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  final EngineOptions options;
  final Config config;
  final Store store;
  final EngineClock clock;
  final CatalogCache catalog;
  final ModelManager models;
  final SearchService search;
  final Identity identity;
  final LiveState live;
  final ErasedUsers erased;
  final Ingestor ingestor;
  final ScenarioEngine scenarios;
  final Experiments experiments;
  final PromotionSpend spend = new PromotionSpend();
  final AtomicLong recommendations = new AtomicLong();
  final AtomicLong searches = new AtomicLong();
  private final AtomicLong trainRuns = new AtomicLong();
  private volatile double lastTrainSeconds;
  private final ScheduledExecutorService scheduler;
  private final Map<String, ScenarioSettings> settings = new ConcurrentHashMap<>();
  private final Map<String, Boolean> personalize = new ConcurrentHashMap<>();
  private final AtomicReference<Object[]> suggester = new AtomicReference<>(); // {snapshot, catalog view, Suggester}
  private Thread preloader; // guarded by this
  private volatile boolean closing;

  Engine(EngineOptions options, Store store) {
    this.options = options;
    this.config = options.config();
    this.store = store;
    this.clock = new EngineClock(config.get("engine.clock"));
    this.catalog = new CatalogCache(store);
    String shared = config.get("engine.models_dir");
    this.models = new ModelManager(shared.isBlank() ? options.dataDir().resolve("models") : Path.of(shared), config);
    ModelSnapshot snap = models.loadNewest(emptySnapshot());
    if (snap.version() > 0) clock.observe(snap.manifest().newestEvent());
    else if (store.eventCount() > 0) store.forEachEvent(ev -> clock.observe(ev.time())); // the data's "now", once
    retention();
    this.search = SearchService.open(options.dataDir().resolve("index"), config);
    try {
      search.sync(catalog.view());
      this.identity = new Identity(store);
      this.live = new LiveState(store, catalog::view, identity, config);
      this.erased = new ErasedUsers(options.dataDir().resolve("erased.txt"));
      this.ingestor = new Ingestor(store, identity, erased, live, clock, config);
      this.scenarios = new ScenarioEngine(config);
      this.experiments = new Experiments(options.dataDir().resolve("experiments.json"), config);
      ingestor.listen(ev -> experiments.observe(ev, id -> {
        Item it = catalog.view().item(id);
        return it == null ? 0 : it.price();
      }));
      ingestor.listen(ev -> spend.observe(ev, catalog.view()));
      settings.put("default", ScenarioSettings.from(config));
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shopsense-engine-background");
        t.setDaemon(true);
        return t;
      });
      int flush = Math.max(1, config.getInt("engine.profile_flush_seconds"));
      scheduler.scheduleWithFixedDelay(this::flushQuietly, flush, flush, TimeUnit.SECONDS);
      int every = config.getInt("engine.train_interval_minutes");
      if (every > 0) scheduler.scheduleWithFixedDelay(this::trainQuietly, every, every, TimeUnit.MINUTES);
      int poll = config.getInt("engine.snapshot_poll_seconds");
      if (poll < 0) throw new IllegalArgumentException("engine.snapshot_poll_seconds must be >= 0, got " + poll);
      if (poll > 0) scheduler.scheduleWithFixedDelay(this::refreshQuietly, poll, poll, TimeUnit.SECONDS);
    } catch (RuntimeException ex) {
      search.close();
      throw ex;
    }
  }

  private ModelSnapshot emptySnapshot() {
    List<String> ids = new ArrayList<>();
    for (Item it : catalog.view().newestFirst()) ids.add(it.id());
    ids.sort(null);
    return ModelSnapshot.empty(ids, clock.now());
  }

  /**
   * Starts loading the live state of the {@code engine.preload_users} most recently active shoppers
   * on a background thread (once; a server calls it when it starts), so that their first requests
   * and events do not each pay for reading their history from the store (a few ms each; hundreds of
   * new shoppers a second saturate two cores).
   */
  synchronized void startPreload() {
    int n = config.getInt("engine.preload_users");
    if (n < 0) throw new IllegalArgumentException("engine.preload_users must be >= 0, got " + n);
    if (n == 0 || preloader != null || closing) return;
    preloader = preloadThread(n);
    preloader.start();
  }

  private Thread preloadThread(int n) {
    Thread t = new Thread(() -> {
      long t0 = System.nanoTime();
      int loaded = 0;
      try {
        for (String u : store.recentUsers(n)) {
          if (closing) return;
          // under the ingestion lock's read side, like ingestion: an erasure runs before or after, never across
          ingestor.lock().readLock().lock();
          try {
            if (identity.resolve(u).equals(u) && !erased.contains(u)) live.preload(u);
          } finally {
            ingestor.lock().readLock().unlock();
          }
          loaded++;
        }
        LOG.info("live state of {} recently active shoppers loaded in {} s", loaded,
            String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      } catch (RuntimeException ex) {
        if (!closing) LOG.warn("preloading live state stopped after {} shoppers: {}", loaded, ex.getMessage(), ex);
      }
    }, "shopsense-live-preload");
    t.setDaemon(true);
    return t;
  }

  /** Waits up to {@code millis} for the preloading of live state to finish; true when it has (tests, benchmarks). */
  public boolean awaitPreload(long millis) throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = preloader;
    }
    if (t == null) return true;
    t.join(Math.max(1, millis));
    return !t.isAlive();
  }

  /** Deletes events older than {@code engine.retention_days} (0 keeps everything). */
  void retention() {
    int days = config.getInt("engine.retention_days");
    if (days < 0) throw new IllegalArgumentException("engine.retention_days must be >= 0, got " + days);
    if (days == 0) return;
    long before = clock.now() - days * 86_400_000L;
    long n = store.deleteEventsBefore(before);
    if (n > 0) LOG.info("retention: deleted {} events older than {} days", n, days);
  }

  // --- per request

  /** The shopper an id refers to, or null for anonymous and erased ids (served as anonymous). */
  String resolveForRead(String user) {
    if (user == null || user.isBlank()) return null;
    if (user.length() > 256) throw new BadRequestException("user", "user must be at most 256 characters");
    String u = identity.resolve(user);
    return erased.contains(u) || erased.contains(user) ? null : u;
  }

  /** The shopper for a write; erased shoppers are refused. */
  String resolveForWrite(String user) {
    if (user == null || user.isBlank()) throw new BadRequestException("user", "user must not be empty");
    String u = identity.resolve(user);
    if (erased.contains(u) || erased.contains(user)) {
      throw new io.shopsense.engine.api.ConflictException("user", "shopper '" + user + "' was erased; re-create them first");
    }
    return u;
  }

  ScenarioEngine.Serving serving(String user, Assignment a) {
    long now = clock.now();
    ModelSnapshot snap = models.current();
    CatalogView cat = catalog.view();
    LiveView lv = user == null ? LiveView.anonymous(null) : live.view(user, now);
    ScenarioSettings s = a.experiment() == null ? settings.get("default")
        : settings.computeIfAbsent(a.experiment() + "/" + a.variant(), k -> ScenarioSettings.from(config.with(a.config())));
    long base = snap.manifest().newestEvent();
    return new ScenarioEngine.Serving(snap, cat, lv, now, s, item -> search.textNeighbours(item, 100),
        id -> snap.stats().promotionSpend().getOrDefault(id, 0.0) + spend.since(id, base));
  }

  /** {@code rank.personalize} for the request's experiment variant (the defaults' without one). */
  boolean personalizeSearch(Assignment a) {
    String key = a.experiment() == null ? "default" : a.experiment() + "/" + a.variant();
    return personalize.computeIfAbsent(key, k -> (a.experiment() == null ? config : config.with(a.config()))
        .getBoolean("rank.personalize"));
  }

  Response respond(Assignment a, String user, List<ResultItem> results, Map<String, List<FacetCount>> facets,
      AtomicLong counter) {
    String id = ShopSense.requestId();
    experiments.served(id, a, user, results.stream().map(ResultItem::id).toList(), clock.now());
    counter.incrementAndGet();
    return new Response(id, a.variant(), results, facets);
  }

  Suggester suggester() {
    ModelSnapshot snap = models.current();
    CatalogView cat = catalog.view();
    Object[] s = suggester.get();
    if (s != null && s[0] == snap && s[1] == cat) return (Suggester) s[2];
    Map<String, Float> pop = new HashMap<>();
    float[] p = snap.stats().popularity();
    for (int i = 0; i < p.length; i++) if (p[i] > 0) pop.put(snap.itemId(i), p[i]);
    Suggester made = new Suggester(snap.stats().queries(), config.getInt("suggest.min_users"), cat.items(), pop);
    suggester.set(new Object[] {snap, cat, made});
    return made;
  }

  // --- catalog

  void upsertItems(List<Item> items) {
    if (items == null || items.isEmpty()) return;
    for (Item it : items) {
      if (it.id().isBlank() || it.id().length() > 256) throw new BadRequestException("id", "item id must be 1..256 characters");
      if (!(it.price() >= 0) || Double.isInfinite(it.price())) throw new BadRequestException("price", "price of " + it.id() + " must be >= 0");
    }
    catalog.upsertItems(items);
    search.upsert(items);
    if (models.current().version() == 0) models.replaceEmpty(emptySnapshot()); // new items become columns before the first training
  }

  boolean deleteItem(String id) {
    boolean existed = catalog.deleteItem(id);
    search.delete(id);
    return existed;
  }

  // --- identity and privacy

  void link(String user, String alias, Channel channel) {
    if (user == null || user.isBlank() || user.length() > 256) throw new BadRequestException("user", "user must be 1..256 characters");
    if (alias == null || alias.isBlank() || alias.length() > 256) throw new BadRequestException("alias", "alias must be 1..256 characters");
    if (alias.equals(user)) throw new BadRequestException("alias", "an alias must differ from the shopper id");
    String owner = identity.resolve(user);
    erased.remove(List.of(user, alias, owner)); // an explicit link re-creates an erased shopper
    identity.link(owner, alias, channel, clock.wall());
    live.merge(alias, owner);
  }

  EraseReport erase(String user) {
    if (user == null || user.isBlank()) throw new BadRequestException("user", "user must not be empty");
    String u = identity.resolve(user);
    Set<String> ids = new LinkedHashSet<>();
    ids.add(u);
    ids.add(user);
    List<String> aliases = new ArrayList<>();
    for (IdentityLink l : identity.links(u)) {
      ids.add(l.alias());
      aliases.add(l.alias());
    }
    long removed;
    boolean wasLive;
    ingestor.lock().writeLock().lock();
    try {
      erased.add(ids);
      wasLive = live.forget(ids);
      removed = 0;
      for (String id : ids) removed += store.eraseUser(id);
      for (String id : ids) store.eraseUser(io.shopsense.engine.live.LiveState.PREFS_PREFIX + id);
      identity.forget(ids);
      experiments.forget(ids);
    } finally {
      ingestor.lock().writeLock().unlock();
    }
    int patched = models.eraseUsers(ids);
    LOG.info("erased shopper ({} aliases, {} events, {} snapshots patched)", aliases.size(), removed, patched);
    return new EraseReport(u, aliases, removed, wasLive, patched);
  }

  // --- training

  TrainReport train(List<String> algorithms, boolean force) {
    retention();
    long t0 = System.nanoTime();
    boolean ranker = config.getBoolean("engine.search_ranker");
    TrainReport r = models.train(store, catalog.view(), algorithms, identity::resolve, ranker ? search.retriever() : null, force);
    lastTrainSeconds = (System.nanoTime() - t0) / 1e9;
    trainRuns.incrementAndGet();
    if (r.published()) {
      ModelSnapshot s = models.current();
      clock.observe(s.manifest().newestEvent());
      spend.pruneBefore(s.manifest().newestEvent());
    }
    return r;
  }

  /**
   * Serves a snapshot another process published into the shared model directory, then reloads the
   * catalog from the shared store and brings the search index up to date with it, so a replica's
   * catalog is at most one snapshot behind the writes made through other replicas.
   */
  void refreshSnapshot() {
    ModelSnapshot s = models.refresh();
    if (s == null) return;
    catalog.reload();
    search.sync(catalog.view());
    clock.observe(s.manifest().newestEvent());
    spend.pruneBefore(s.manifest().newestEvent());
  }

  private void refreshQuietly() {
    try {
      refreshSnapshot();
    } catch (RuntimeException ex) {
      LOG.error("snapshot refresh failed: {}", ex.getMessage(), ex);
    }
  }

  private void trainQuietly() {
    try {
      TrainReport r = train(io.shopsense.engine.snapshot.Trainer.algorithms(config.get("engine.algorithms")), false);
      LOG.info("scheduled training: {}", r.reason());
    } catch (RuntimeException ex) {
      LOG.error("scheduled training failed: {}", ex.getMessage(), ex);
    }
  }

  void flush() {
    live.flush();
    experiments.save();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException ex) {
      LOG.error("saving profiles failed (will retry): {}", ex.getMessage(), ex);
    }
  }

  EngineStats stats() {
    ModelSnapshot s = models.current();
    return new EngineStats(s.version(), s.manifest().created(), ingestor.accepted(), ingestor.refused(),
        recommendations.get(), searches.get(), live.size(), catalog.view().size(), lastTrainSeconds, trainRuns.get());
  }

  void close() {
    Thread t;
    synchronized (this) {
      closing = true;
      t = preloader;
    }
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30)); // stops at its next shopper
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
    // No interrupt while a background task runs: an interrupt during Lucene's commit closes the
    // index lock's FileChannel (ClosedByInterruptException), and the index can then not be closed.
    // shutdown() cancels the periodic tasks and lets a running one finish.
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("a background task (training?) still runs after 60 s; interrupting it");
        scheduler.shutdownNow();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } finally {
      try {
        search.close();
      } finally {
        store.close();
      }
    }
  }

  // --- read access for tests and tools

  public Store store() {
    return store;
  }

  public LiveState live() {
    return live;
  }

  public Identity identity() {
    return identity;
  }

  public Experiments experiments() {
    return experiments;
  }

  public ModelManager models() {
    return models;
  }

  public EngineClock clock() {
    return clock;
  }

  public CatalogView catalog() {
    return catalog.view();
  }
}
