package io.shopsense.server.console;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.engine.ShopSense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard plots about traffic, kept in memory by the server: a live series (per minute
 * of arrival, the last two hours) fed by every event the engine accepts, and a history series (per
 * day of the events' own time) built once from the store in the background and then kept current by
 * the same feed. Events that arrive while the store is being read wait in a buffer and are added
 * after it, so the history counts them once.
 */
public final class ConsoleActivity {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleActivity.class);
  static final long MINUTE = 60_000L;
  static final long DAY = 86_400_000L;
  static final int LIVE_MINUTES = 120;
  static final int HISTORY_DAYS = 3660;

  private final ShopSense engine;
  private final LongSupplier wall;
  private final ActivitySeries live;
  private final ActivitySeries history;
  private final Object historyLock = new Object();
  private List<Event> pending; // events that came before or during the scan; null when there is none
  private volatile String historyStatus;

  ConsoleActivity(ShopSense engine, LongSupplier wall, boolean readHistory) {
    this.engine = engine;
    this.wall = wall;
    this.pending = readHistory ? new ArrayList<>() : null;
    this.historyStatus = readHistory ? "reading the store" : "the stored events are not read (console.read_history=false)";
    ItemIndex items = new ItemIndex(id -> {
      Item it = engine.internals().catalog().item(id);
      return it == null ? null : it.category();
    });
    this.live = new ActivitySeries(MINUTE, LIVE_MINUTES, items);
    this.history = new ActivitySeries(DAY, HISTORY_DAYS, items);
  }

  /**
   * Starts following the engine's events. With {@code readHistory}, call {@link #readHistoryInBackground}
   * once the server is up (reading a large store competes with the start for the CPU); events
   * accepted until the scan ends wait in a buffer.
   */
  public static ConsoleActivity follow(ShopSense engine, boolean readHistory) {
    ConsoleActivity a = new ConsoleActivity(engine, System::currentTimeMillis, readHistory);
    engine.onEvent(a::accept);
    return a;
  }

  /** Reads the stored events into the history on a daemon thread (when this follower was made to). */
  public void readHistoryInBackground() {
    synchronized (historyLock) {
      if (pending == null) return;
    }
    Thread t = new Thread(this::readHistory, "shopsense-console-history");
    t.setDaemon(true);
    t.start();
  }

  /** One accepted event. */
  void accept(Event e) {
    live.add(e, wall.getAsLong());
    synchronized (historyLock) {
      if (pending != null) {
        pending.add(e);
        return;
      }
    }
    history.add(e, e.time());
  }

  /** Reads every stored event into the history, then the buffered ones. */
  void readHistory() {
    long t0 = System.nanoTime();
    try {
      engine.internals().store().forEachEvent(e -> history.add(e, e.time()));
      historyStatus = "ready";
      LOG.info("console: read {} stored events for the dashboard in {} s", history.total(),
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    } catch (RuntimeException ex) {
      historyStatus = "the store could not be read: " + ex.getMessage();
      LOG.warn("console: cannot read the stored events for the dashboard: {}", ex.toString());
    } finally {
      List<Event> late;
      synchronized (historyLock) {
        late = pending;
        pending = null;
      }
      for (Event e : late) history.add(e, e.time());
    }
  }

  /**
   * The JSON body of {@code GET /v1/console/activity}: {@code live} is the last hour per minute
   * (quiet minutes as zeros), {@code history} every day with events.
   */
  public Map<String, Object> window(String which, int catalogSize) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window", which);
    if ("history".equals(which)) {
      m.put("status", historyStatus);
      m.put("bucket_ms", DAY);
      m.put("total_events", history.total());
      long[] span = history.span();
      // quiet days show as zeros, so a line does not bridge them (unless the span is absurd)
      m.put("buckets", span == null ? List.of()
          : history.buckets(span[0], span[1], (span[1] - span[0]) / DAY <= HISTORY_DAYS, catalogSize));
    } else {
      long now = wall.getAsLong();
      m.put("status", "ready");
      m.put("bucket_ms", MINUTE);
      m.put("total_events", live.total());
      m.put("buckets", live.buckets(now - 59 * MINUTE, now, true, catalogSize));
    }
    m.put("catalog_items", catalogSize);
    return m;
  }

  /** True once the stored history is read. */
  public boolean historyReady() {
    return "ready".equals(historyStatus);
  }
}
