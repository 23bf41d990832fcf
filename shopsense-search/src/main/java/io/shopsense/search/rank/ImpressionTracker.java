package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Attributes what shoppers do to the search result lists they were shown. Fed the event stream in
 * time order, it reports each {@code impression} (a search's shown items, in order) and each click,
 * add-to-cart or purchase of an item that an earlier impression of the same session showed, to the
 * latest such impression: that is the search the shopper acted on.
 *
 * <p>A session is the events' {@code session} id, or the user when events carry none; an action
 * counts only within {@code windowMs} of the impression (so a purchase days later is not credited to
 * an old search). Open impressions older than the window are dropped as time passes, so memory
 * stays bounded by the searches of the last window. O(1) amortised per event, plus the scan of the
 * session's open impressions (a handful).
 */
public final class ImpressionTracker {
  /** Graded relevance of an action: purchase 3, add to cart 2, click 1; 0 for anything else. */
  public static int grade(EventType type) {
    return switch (type) {
      case PURCHASE -> 3;
      case ADD_TO_CART -> 2;
      case CLICK -> 1;
      default -> 0;
    };
  }

  /**
   * One logged search result list.
   *
   * @param ordinal 0-based count of impressions seen before this one
   * @param event the impression event (user, time, session, channel, query, shown items)
   */
  public record Impression(int ordinal, Event event) {
    /** The normalised query text (see {@link QueryKey#of}). */
    public String query() {
      return QueryKey.of(event.query());
    }

    public List<String> shown() {
      return event.items() == null ? List.of() : event.items();
    }
  }

  /** What a tracker reports. */
  public interface Listener {
    /** An impression arrived (before any action on it). */
    default void impression(Impression imp) {}

    /** An action of grade 1-3 on an item shown at {@code position} (0-based) of {@code imp}. */
    default void action(Impression imp, String item, int position, int grade, Event event) {}
  }

  private final long windowMs;
  private final Listener listener;
  private final Map<String, ArrayDeque<Impression>> open = new HashMap<>();
  private int count;
  private long lastPrune;
  private boolean started;

  public ImpressionTracker(long windowMs, Listener listener) {
    if (windowMs <= 0) throw new IllegalArgumentException("attribution window must be > 0 ms, got " + windowMs);
    this.windowMs = windowMs;
    this.listener = listener;
  }

  /** Feeds one event; events must come in time order. */
  public void accept(Event e) {
    if (e.type() == EventType.IMPRESSION) {
      if (e.items() == null || e.items().isEmpty()) return;
      Impression imp = new Impression(count++, e);
      open.computeIfAbsent(key(e), k -> new ArrayDeque<>()).addFirst(imp);
      listener.impression(imp);
    } else {
      int g = grade(e.type());
      if (g > 0 && e.item() != null) attribute(e, g);
    }
    if (!started) {
      started = true;
      lastPrune = e.time();
    } else if (e.time() - lastPrune > windowMs) {
      prune(e.time());
    }
  }

  private void attribute(Event e, int g) {
    ArrayDeque<Impression> q = open.get(key(e));
    if (q == null) return;
    for (Impression imp : q) { // newest first
      if (e.time() - imp.event().time() > windowMs) break;
      int pos = imp.shown().indexOf(e.item());
      if (pos >= 0) {
        listener.action(imp, e.item(), pos, g, e);
        return;
      }
    }
  }

  private void prune(long now) {
    lastPrune = now;
    for (Iterator<ArrayDeque<Impression>> it = open.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Impression> q = it.next();
      while (!q.isEmpty() && now - q.peekLast().event().time() > windowMs) q.removeLast();
      if (q.isEmpty()) it.remove();
    }
  }

  private static String key(Event e) {
    return e.session() != null ? e.user() + '\u0000' + e.session() : e.user();
  }
}
