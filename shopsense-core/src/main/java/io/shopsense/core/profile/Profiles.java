package io.shopsense.core.profile;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.CatalogStore;
import io.shopsense.core.store.EventStore;
import io.shopsense.core.store.Store;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every shopper's profile from the events, with the same {@link ProfileUpdater} the live
 * path applies event by event, so a rebuilt profile equals the incrementally updated one. The
 * catalog is loaded into memory once (for categories, brands, shops and the {@link PriceBands}).
 * Events stream; the profiles of 1/{@code profile.rebuild_passes} of the users are held at a time,
 * and the events are read once per pass. Time O(passes x events); events use the user id as stored
 * (identity links are not resolved here).
 */
public final class Profiles {
  private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);

  private Profiles() {}

  /** Every profile from plain events and items, in order of each user's first event. */
  public static Map<String, UserProfile> rebuild(Iterable<Event> events, Iterable<Item> items, Config config) {
    Map<String, Item> catalog = new HashMap<>();
    PriceBands.Fitter f = PriceBands.fitter();
    for (Item i : items) {
      catalog.put(i.id(), i);
      f.accept(i);
    }
    ProfileUpdater up = ProfileUpdater.from(config, f.fit());
    Map<String, ProfileState> states = new LinkedHashMap<>();
    for (Event e : events) up.apply(states.computeIfAbsent(e.user(), up::newState), e, catalog::get);
    Map<String, UserProfile> out = new LinkedHashMap<>();
    states.forEach((u, s) -> out.put(u, s.snapshot()));
    return out;
  }

  /** Every profile from the stores, handed to the sink one by one (pass by pass). */
  public static void rebuildAll(EventStore events, CatalogStore catalogStore, Config config, Consumer<UserProfile> sink) {
    Map<String, Item> catalog = new HashMap<>();
    PriceBands.Fitter f = PriceBands.fitter();
    catalogStore.forEachItem(i -> {
      catalog.put(i.id(), i);
      f.accept(i);
    });
    ProfileUpdater up = ProfileUpdater.from(config, f.fit());
    int passes = config.getInt("profile.rebuild_passes");
    if (passes < 1) {
      throw new ConfigException("config key 'profile.rebuild_passes' must be >= 1, got "
          + passes, "profile.rebuild_passes");
    }
    long total = events.eventCount();
    long step = Math.max(1, total / 10);
    for (int pass = 0; pass < passes; pass++) {
      int p = pass;
      Map<String, ProfileState> states = new HashMap<>();
      long[] seen = {0};
      events.forEachEvent(e -> {
        if (passes == 1 || Math.floorMod(e.user().hashCode(), passes) == p) {
          up.apply(states.computeIfAbsent(e.user(), up::newState), e, catalog::get);
        }
        if (++seen[0] % step == 0 && total >= 100_000) {
          LOG.info("profiles: pass {}/{}, {}%", p + 1, passes, Math.min(100, seen[0] * 100 / total));
        }
      });
      states.values().forEach(s -> sink.accept(s.snapshot()));
      LOG.info("profiles: pass {}/{} rebuilt {} profiles", p + 1, passes, states.size());
    }
  }

  /** Rebuilds every profile and saves it as JSON in the store; returns how many were saved. */
  public static long rebuild(Store store, Config config) {
    long[] n = {0};
    rebuildAll(store, store, config, prof -> {
      store.saveProfile(prof.user(), ProfileJson.write(prof));
      n[0]++;
    });
    return n[0];
  }
}
