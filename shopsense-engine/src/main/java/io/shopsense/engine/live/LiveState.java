package io.shopsense.engine.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.ProfileJson;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.core.store.Store;
import io.shopsense.engine.catalog.CatalogView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state of every active shopper, so the next request reflects an event at once. A shopper's
 * state is loaded on first touch: the saved profile when there is one (profiles are written behind,
 * see {@link #flush}), else rebuilt from their newest {@code engine.history_events} events and those
 * of their linked aliases; purchase times, the cart and impressions always come from those events.
 *
 * <p>Removed interests are kept in the user store as a small JSON document under the key
 * {@value #PREFS_PREFIX}{@code <user>} (the profile document's format is fixed), and erased with the
 * shopper.
 */
public final class LiveState {
  private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);
  /** Key prefix of the removed-interests document in the user store. */
  public static final String PREFS_PREFIX = "~prefs:";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Profiles per store transaction of {@link #flush} (about 2 MB of JSON). */
  public static final int FLUSH_CHUNK = 500;

  private final Store store;
  private final Supplier<CatalogView> catalog;
  private final Identity identity;
  private final int history;
  private final long shownWindowMs;
  private final ConcurrentHashMap<String, LiveUser> users = new ConcurrentHashMap<>();
  private final Config config;
  private volatile ProfileUpdater updater;
  private volatile CatalogView updaterFor;

  public LiveState(Store store, Supplier<CatalogView> catalog, Identity identity, Config config) {
    this.store = store;
    this.catalog = catalog;
    this.identity = identity;
    this.config = config;
    this.history = config.getInt("engine.history_events");
    this.shownWindowMs = config.getLong("rules.recently_shown_minutes") * 60_000L;
    if (history < 0) throw new IllegalArgumentException("engine.history_events must be >= 0, got " + history);
  }

  /** The updater for the current catalog (price bands follow the catalog). */
  private ProfileUpdater updater() {
    CatalogView c = catalog.get();
    if (updater == null || updaterFor != c) {
      updater = ProfileUpdater.from(config, c.priceBands());
      updaterFor = c;
    }
    return updater;
  }

  /** Applies an accepted event whose user is already resolved. */
  public void apply(Event e) {
    CatalogView c = catalog.get();
    get(e.user()).apply(e, updater(), c::item, true);
  }

  /** The live view of a shopper (loading their state on first touch). */
  public LiveView view(String user, long now) {
    LiveUser u = users.get(user);
    if (u == null) {
      LiveUser fresh = load(user);
      // unknown ids (bots, typos) are not kept in memory: only shoppers with some history are
      u = fresh.isEmpty() ? fresh : users.computeIfAbsent(user, k -> fresh);
    }
    return u.view(now - shownWindowMs);
  }

  /** Loads the shopper's state into memory when it is not there yet. */
  public void touch(String user) {
    get(user);
  }

  /**
   * Loads the shopper's state ahead of their requests (a warm-up after a start) unless it is in
   * memory already or empty; like {@link #get}, a state loaded meanwhile by a request or an event wins.
   */
  public void preload(String user) {
    if (users.containsKey(user)) return;
    LiveUser fresh = load(user);
    if (!fresh.isEmpty()) users.putIfAbsent(user, fresh);
  }

  /** True when the shopper's state is in memory. */
  public boolean has(String user) {
    return users.containsKey(user);
  }

  public int size() {
    return users.size();
  }

  /**
   * The shopper's state, loaded when absent. The load (store reads, a few ms) runs outside the map's
   * lock, so it holds up no other shopper; a concurrent load of the same shopper loses and is
   * dropped. Ingestion calls this before it stores the shopper's new events, and whichever state is
   * kept was read before them, so they are applied once.
   */
  LiveUser get(String user) {
    LiveUser u = users.get(user);
    if (u != null) return u;
    LiveUser fresh = load(user);
    u = users.putIfAbsent(user, fresh);
    return u != null ? u : fresh;
  }

  private LiveUser load(String user) {
    CatalogView c = catalog.get();
    ProfileUpdater up = updater();
    Optional<String> saved = store.profile(user);
    ProfileState state = null;
    if (saved.isPresent()) {
      try {
        state = up.state(ProfileJson.read(saved.get()));
      } catch (IllegalArgumentException e) {
        LOG.warn("saved profile of {} is unreadable ({}); rebuilding it from events", user, e.getMessage());
      }
    }
    boolean rebuild = state == null;
    if (rebuild) state = up.newState(user);
    LiveUser lu = new LiveUser(user, state, readRemoved(user));
    List<Event> events = recentEvents(user);
    lu.replay(events, up, c::item, rebuild);
    return lu;
  }

  /** The newest events of the shopper and their aliases, oldest first. */
  private List<Event> recentEvents(String user) {
    if (history == 0) return List.of();
    List<Event> all = new ArrayList<>(store.recentEvents(user, history));
    for (IdentityLink l : identity.links(user)) {
      if (!l.alias().equals(user)) all.addAll(store.recentEvents(l.alias(), history));
    }
    all.sort(Comparator.comparingLong(Event::time));
    if (all.size() > history) all = new ArrayList<>(all.subList(all.size() - history, all.size()));
    return all;
  }

  /**
   * Login: the alias's live state (and stored events) join the shopper's. The alias's events are
   * replayed into the shopper's state and the alias's state is dropped.
   */
  public void merge(String alias, String user) {
    if (alias.equals(user)) return;
    LiveUser a = users.remove(alias);
    if (a == null && !users.containsKey(user)) return; // nothing live on either side: loaded fresh later
    LiveUser u = get(user);
    if (a != null || !store.recentEvents(alias, 1).isEmpty()) {
      List<Event> events = new ArrayList<>(store.recentEvents(alias, Math.max(1, history)));
      events.sort(Comparator.comparingLong(Event::time));
      u.replay(events, updater(), catalog.get()::item, true);
      u.markDirty();
    }
  }

  /** Marks an interest removed for good and saves the choice. */
  public void removeInterest(String user, String kind, String value) {
    Set<String> removed = get(user).removeInterest(kind + ":" + value);
    try {
      store.saveProfile(PREFS_PREFIX + user, JSON.writeValueAsString(new ArrayList<>(removed)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write removed interests of " + user, e);
    }
  }

  private Set<String> readRemoved(String user) {
    Optional<String> json = store.profile(PREFS_PREFIX + user);
    if (json.isEmpty()) return Set.of();
    try {
      return new LinkedHashSet<>(List.of(JSON.readValue(json.get(), String[].class)));
    } catch (JsonProcessingException e) {
      LOG.warn("removed interests of {} are unreadable: {}", user, e.getOriginalMessage());
      return Set.of();
    }
  }

  /**
   * Saves every profile that changed since the last flush; returns how many. They go to the store in
   * transactions of {@value #FLUSH_CHUNK}, each written right after its profiles were serialized: a
   * transaction holds the store's single writer, and under a full ingestion load (every one of
   * thousands of shoppers dirty at each flush) one transaction for all held event appends off it for
   * a few hundred ms; a chunk holds them for a few ms, and the serialization of the next chunk
   * leaves the writer to them in between.
   */
  public synchronized int flush() {
    Map<String, String> docs = new LinkedHashMap<>();
    List<LiveUser> taken = new ArrayList<>();
    int saved = 0;
    for (LiveUser u : users.values()) {
      UserProfile p = u.takeDirty();
      if (p == null || !users.containsKey(u.user())) continue; // erased meanwhile
      docs.put(u.user(), ProfileJson.write(p));
      taken.add(u);
      if (docs.size() == FLUSH_CHUNK) saved += save(docs, taken);
    }
    return saved + save(docs, taken);
  }

  /** Saves the documents in one transaction and empties both lists; on failure their shoppers stay dirty. */
  private int save(Map<String, String> docs, List<LiveUser> taken) {
    int n = docs.size();
    if (n == 0) return 0;
    try {
      store.saveProfiles(docs);
    } catch (RuntimeException e) {
      for (LiveUser u : taken) u.markDirty(); // saved by the next flush (shoppers not reached yet are still dirty)
      throw e;
    }
    docs.clear();
    taken.clear();
    return n;
  }

  /** Drops the live state of these ids; true when any was in memory. */
  public synchronized boolean forget(Collection<String> ids) {
    boolean any = false;
    for (String id : ids) any |= users.remove(id) != null;
    return any;
  }
}
