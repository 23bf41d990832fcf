package io.shopsense.search.rank;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logged search sessions of an event stream: every {@code impression} (the items a search
 * showed, in order) with what the shopper then did with those items in the same session, as graded
 * labels (purchase 3, add_to_cart 2, click 1, nothing 0; the best action counts). Actions are
 * attributed by {@link ImpressionTracker}. O(events) time; memory O(impressions x shown items).
 */
public final class SearchLog {
  /**
   * One logged search.
   *
   * @param ordinal 0-based index in time order (the same as the tracker's impression ordinal)
   * @param time the impression's time (the search's results as shown)
   * @param shown the shown items, in order
   * @param labels grade per shown item that was acted on (absent = 0)
   */
  public record SearchSession(int ordinal, String user, String session, long time, Channel channel, String query,
      List<String> shown, Map<String, Integer> labels) {

    /** The grade of an item (0 when the shopper did nothing with it or it was not shown). */
    public int label(String item) {
      return labels.getOrDefault(item, 0);
    }

    /** True when the shopper clicked, carted or bought at least one shown item. */
    public boolean hasPositive() {
      return !labels.isEmpty();
    }
  }

  private final List<SearchSession> sessions;

  private SearchLog(List<SearchSession> sessions) {
    this.sessions = Collections.unmodifiableList(sessions);
  }

  /** Reconstructs the sessions of events given in time order. */
  public static SearchLog build(Iterable<Event> events, long attributionWindowMs) {
    List<SearchSession> out = new ArrayList<>();
    ImpressionTracker tracker = new ImpressionTracker(attributionWindowMs, new ImpressionTracker.Listener() {
      @Override
      public void impression(ImpressionTracker.Impression imp) {
        Event e = imp.event();
        out.add(new SearchSession(imp.ordinal(), e.user(), e.session(), e.time(), e.channel(), e.query(),
            imp.shown(), new HashMap<>()));
      }

      @Override
      public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
        out.get(imp.ordinal()).labels().merge(item, grade, Math::max);
      }
    });
    for (Event e : events) tracker.accept(e);
    List<SearchSession> frozen = new ArrayList<>(out.size());
    for (SearchSession s : out) {
      frozen.add(new SearchSession(s.ordinal(), s.user(), s.session(), s.time(), s.channel(), s.query(), s.shown(),
          Map.copyOf(s.labels())));
    }
    return new SearchLog(frozen);
  }

  /** Every logged search, in time order. */
  public List<SearchSession> sessions() {
    return sessions;
  }

  /** How many searches led to at least one click, cart or purchase. */
  public int withPositives() {
    int n = 0;
    for (SearchSession s : sessions) if (s.hasPositive()) n++;
    return n;
  }

  /**
   * The time that splits the searches with a positive label into the first {@code 1 - fraction}
   * and the last {@code fraction} (the temporal hold-out): searches at or after it are held out.
   */
  public long cutoff(double fraction) {
    return cutoff(fraction, Integer.MAX_VALUE);
  }

  /**
   * As {@link #cutoff(double)}, but holding out at most the last {@code max} searches with a
   * positive label (a large log does not need a fifth of it to compare rankers).
   */
  public long cutoff(double fraction, int max) {
    if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("hold-out fraction must be in (0, 1), got " + fraction);
    if (max < 1) throw new IllegalArgumentException("at most " + max + " held-out searches: must be >= 1");
    List<SearchSession> pos = sessions.stream().filter(SearchSession::hasPositive).toList();
    if (pos.size() < 2) throw new IllegalArgumentException("need at least 2 searches with a click, cart or purchase, got " + pos.size());
    int first = Math.min(pos.size() - 1, Math.max(1, (int) Math.round(pos.size() * (1 - fraction))));
    first = Math.max(first, pos.size() - max);
    return pos.get(first).time();
  }
}
