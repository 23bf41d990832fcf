package io.shopsense.engine.snapshot;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.EventStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's events read once for training, in columns (about 25 bytes per event, no objects):
 * shopper (aliases resolved to the shopper they are linked to), item, type, time, value and, for
 * purchases, the session. Everything a snapshot needs (matrix, trend, co-purchases, shop visits,
 * re-purchase intervals, promotion spend) is derived from these columns, so the store is scanned
 * once. Search queries are aggregated during the scan. Not thread-safe.
 */
final class TrainingData {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);
  static final long QUERY_FOLLOW_MS = 30 * 60_000L;
  private static final int MAX_QUERY_CHARS = 100;

  final IdIndex users = new IdIndex();
  final IdIndex items;
  final IdIndex sessions = new IdIndex();
  int n;
  int[] user = new int[1024];
  int[] item = new int[1024];
  byte[] type = new byte[1024];
  long[] time = new long[1024];
  float[] value = new float[1024];
  int[] session = new int[1024];
  long newest = Long.MIN_VALUE;
  long read;
  final Map<String, QueryAgg> queries = new HashMap<>();
  private String[] lastQuery = new String[256];
  private long[] lastQueryTime = new long[256];

  /** Counts of one normalised query. */
  static final class QueryAgg {
    int count;
    final Set<Integer> users = new HashSet<>();
    final Map<String, Integer> categories = new HashMap<>();
  }

  private TrainingData(IdIndex items) {
    this.items = items;
  }

  /**
   * Scans the store.
   *
   * @param resolve alias to shopper (identity links)
   * @param catalog the items: their ids take the first indexes, in the given order
   * @param search gets a copy of every event for the search ranker, or null
   */
  static TrainingData read(EventStore store, Iterable<Item> catalog, Map<String, Item> byId,
      Function<String, String> resolve, SearchEvents search) {
    IdIndex items = new IdIndex();
    for (Item it : catalog) items.add(it.id());
    TrainingData d = new TrainingData(items);
    Map<String, String> resolved = new HashMap<>();
    long total = store.eventCount();
    long step = Math.max(1, total / 10);
    store.forEachEvent(e -> {
      String u = resolved.computeIfAbsent(e.user(), resolve);
      d.add(e, u, byId);
      if (search != null) search.add(e, u);
      if (++d.read % step == 0 && total >= 100_000) {
        LOG.info("training: read {} of {} events ({}%)", d.read, total, Math.min(100, d.read * 100 / total));
      }
    });
    LOG.info("training: {} events of {} shoppers ({} aliases resolved)", d.n, d.users.size(),
        resolved.entrySet().stream().filter(x -> !x.getKey().equals(x.getValue())).count());
    return d;
  }

  private void add(Event e, String u, Map<String, Item> byId) {
    if (n == user.length) grow();
    int ui = users.add(u);
    user[n] = ui;
    item[n] = e.item() == null ? -1 : items.add(e.item());
    type[n] = (byte) e.type().ordinal();
    time[n] = e.time();
    value[n] = e.value() == null ? Float.NaN : e.value().floatValue();
    session[n] = e.type() == EventType.PURCHASE && e.session() != null ? sessions.add(e.session()) : -1;
    if (e.time() > newest) newest = e.time();
    trackQuery(e, ui, byId);
    n++;
  }

  /** Aggregates search queries, and credits a query with the category acted on within 30 minutes after it. */
  private void trackQuery(Event e, int ui, Map<String, Item> byId) {
    if (ui >= lastQuery.length) {
      lastQuery = Arrays.copyOf(lastQuery, ui * 2 + 1);
      lastQueryTime = Arrays.copyOf(lastQueryTime, ui * 2 + 1);
    }
    if (e.type() == EventType.SEARCH) {
      String q = normalise(e.query());
      if (q == null) return;
      QueryAgg a = queries.computeIfAbsent(q, k -> new QueryAgg());
      a.count++;
      if (a.users.size() < 1000) a.users.add(ui);
      lastQuery[ui] = q;
      lastQueryTime[ui] = e.time();
    } else if (e.item() != null && lastQuery[ui] != null && e.type() != EventType.IMPRESSION) {
      if (e.time() - lastQueryTime[ui] <= QUERY_FOLLOW_MS) {
        Item it = byId.get(e.item());
        if (it != null && it.category() != null) {
          queries.get(lastQuery[ui]).categories.merge(it.category(), 1, Integer::sum);
        }
      }
      lastQuery[ui] = null;
    }
  }

  /** Lower case, trimmed, inner whitespace collapsed; null when empty or too long. */
  static String normalise(String q) {
    if (q == null) return null;
    String s = q.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return s.isEmpty() || s.length() > MAX_QUERY_CHARS ? null : s;
  }

  private void grow() {
    int cap = user.length * 2;
    user = Arrays.copyOf(user, cap);
    item = Arrays.copyOf(item, cap);
    type = Arrays.copyOf(type, cap);
    time = Arrays.copyOf(time, cap);
    value = Arrays.copyOf(value, cap);
    session = Arrays.copyOf(session, cap);
  }

  EventType type(int r) {
    return EventType.ofCode(type[r]);
  }

  /** The r-th event as an Event (for the matrix builder). */
  Event event(int r) {
    return new Event(null, users.id(user[r]), type(r), item[r] < 0 ? null : items.id(item[r]), time[r], null, null,
        Float.isNaN(value[r]) ? null : (double) value[r], null, null, null);
  }
}
