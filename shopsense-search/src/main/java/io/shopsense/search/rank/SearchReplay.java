package io.shopsense.search.rank;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.profile.ProfileState;
import io.shopsense.core.profile.ProfileUpdater;
import io.shopsense.core.profile.UserProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Replays an event stream in time order so that every logged search can be seen exactly as it was
 * when it happened: each shopper's profile is rebuilt event by event with the {@link ProfileUpdater}
 * the live path uses, and the behaviour statistics ({@link ItemStats}, {@link QueryIntent},
 * {@link PositionBias}) grow event by event. At each wanted impression the visitor runs
 * <em>before</em> the impression and anything after it is applied, with the shopper's profile as a
 * snapshot of that moment: features computed then cannot see the future (no label leakage).
 *
 * <p>From {@code freezeAt} on the statistics stop growing (the state a model snapshot trained at
 * that time would serve with), while profiles keep following the events, as the live path does.
 * O(events) plus a profile snapshot (O(profile size)) per visited search.
 */
public final class SearchReplay {
  /** Called at a logged search, with the shopper's profile just before its results were shown. */
  public interface Visitor {
    void search(SearchLog.SearchSession session, UserProfile profile);
  }

  private final ProfileUpdater profiles;
  private final Function<String, Item> catalog;
  private final ItemStats stats;
  private final QueryIntent intent;
  private final PositionBias bias;
  private final long windowMs;

  /**
   * The statistics {@code stats}, {@code intent} and {@code bias} grow during the replay (they are
   * typically empty at first; the ranking features read the same objects).
   *
   * @param windowMs the attribution window of search actions ({@code rank.attribution_minutes})
   */
  public SearchReplay(ProfileUpdater profiles, Function<String, Item> catalog, ItemStats stats, QueryIntent intent,
      PositionBias bias, long windowMs) {
    this.profiles = profiles;
    this.catalog = catalog;
    this.stats = stats;
    this.intent = intent;
    this.bias = bias;
    this.windowMs = windowMs;
  }

  /**
   * Replays {@code events} (the same stream, in the same order, that {@code log} was built from).
   *
   * @param freezeAt the time from which statistics stop growing ({@link Long#MAX_VALUE}: never)
   * @param wanted which searches to visit
   */
  public void run(Iterable<Event> events, SearchLog log, long freezeAt, Predicate<SearchLog.SearchSession> wanted,
      Visitor visitor) {
    ImpressionTracker tracker = tracker(stats, intent, bias, windowMs);
    Map<String, ProfileState> states = new HashMap<>();
    int ordinal = 0;
    for (Event e : events) {
      ProfileState st = states.computeIfAbsent(e.user(), profiles::newState);
      if (e.type() == EventType.IMPRESSION && e.items() != null && !e.items().isEmpty()) {
        if (ordinal >= log.sessions().size()) throw new IllegalArgumentException("the events hold more searches than the log");
        SearchLog.SearchSession s = log.sessions().get(ordinal++);
        if (s.time() != e.time() || !s.user().equals(e.user())) {
          throw new IllegalArgumentException("the events are not the stream the search log was built from (search " + s.ordinal() + ")");
        }
        if (wanted.test(s)) visitor.search(s, st.snapshot());
      }
      if (e.time() < freezeAt) {
        stats.accept(e);
        tracker.accept(e);
      }
      profiles.apply(st, e, catalog);
    }
  }

  /**
   * Feeds every event to the statistics only (no profiles, no searches visited): the state a
   * ranker serves with after training on these events. O(events).
   */
  public static void feed(Iterable<Event> events, ItemStats stats, QueryIntent intent, PositionBias bias, long windowMs) {
    ImpressionTracker tracker = tracker(stats, intent, bias, windowMs);
    for (Event e : events) {
      stats.accept(e);
      tracker.accept(e);
    }
  }

  /** The attribution of search actions, feeding the three statistics. */
  private static ImpressionTracker tracker(ItemStats stats, QueryIntent intent, PositionBias bias, long windowMs) {
    return new ImpressionTracker(windowMs, new ImpressionTracker.Listener() {
      @Override
      public void impression(ImpressionTracker.Impression imp) {
        stats.impression(imp);
        intent.impression(imp);
        bias.impression(imp);
      }

      @Override
      public void action(ImpressionTracker.Impression imp, String item, int position, int grade, Event event) {
        stats.action(imp, item, position, grade, event);
        intent.action(imp, item, position, grade, event);
        bias.action(imp, item, position, grade, event);
      }
    });
  }
}
