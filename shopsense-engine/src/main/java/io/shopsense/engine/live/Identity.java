package io.shopsense.engine.live;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.store.UserStore;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity across channels: which shopper an alias (app device, web cookie, mini-program id)
 * belongs to. The store holds the links; resolutions are cached here, because every event and
 * request resolves its user. The cache is dropped wholesale past {@value #MAX_CACHED} entries.
 */
public final class Identity {
  private static final int MAX_CACHED = 500_000;
  private final UserStore store;
  private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

  public Identity(UserStore store) {
    this.store = store;
  }

  /** The shopper an alias belongs to, or the id itself when it is not linked. */
  public String resolve(String alias) {
    if (alias == null) return null;
    String u = cache.get(alias);
    if (u != null) return u;
    u = store.resolve(alias);
    if (cache.size() > MAX_CACHED) cache.clear();
    cache.put(alias, u);
    return u;
  }

  /** Links the alias to the shopper (moving it when it belonged to another). */
  public void link(String user, String alias, Channel channel, long time) {
    store.link(new IdentityLink(alias, user, channel, time));
    cache.put(alias, user);
    cache.put(user, store.resolve(user));
  }

  public List<IdentityLink> links(String user) {
    return store.links(user);
  }

  /** Drops cached resolutions of these ids (erasure). */
  public void forget(Collection<String> ids) {
    for (String id : ids) cache.remove(id);
    cache.values().removeIf(ids::contains);
  }

  /** True when the cache holds the id as alias or shopper (the erasure test looks). */
  public boolean caches(String id) {
    return cache.containsKey(id) || cache.containsValue(id);
  }
}
