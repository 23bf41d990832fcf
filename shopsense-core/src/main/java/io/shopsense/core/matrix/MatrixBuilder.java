package io.shopsense.core.matrix;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.EventStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the users x items {@link InteractionMatrix} from a stream of events: call
 * {@link #accept(Event)} for each (it is a {@code Consumer<Event>}, so
 * {@code store.forEachEvent(builder)} works), then {@link #build()}.
 *
 * <p>The weight of a (user, item) entry, with {@link MatrixOptions}:
 * <ol>
 *   <li>Events without an item (search, impression), events of a type whose {@code weight.<type>}
 *       is 0, and events rejected by {@link #filter(Predicate)} are skipped.
 *   <li>Each event contributes {@code base * 0.5^(age / halfLife)}: {@code base} is
 *       {@code weight.<type>}, or the rating value for rate events when {@code rating_as_weight}
 *       is on (a rate event without a value falls back to {@code weight.rate}); {@code age} is the
 *       reference time minus the event time, floored at 0. The reference time is the newest time
 *       among the accepted events (including those skipped for having no item), unless set with
 *       {@link #referenceTime(long)}. Half-life 0 switches decay off.
 *   <li><b>De-duplication</b> ({@code matrix.dedup=true}, the default): per (user, item, type) only
 *       the latest event counts (ties: the larger contribution), so ten views of an item weigh as
 *       one view, and a re-rating replaces the earlier rating. For the types in
 *       {@code matrix.log_repeat_types} (default {@code purchase}) that latest contribution is
 *       multiplied by {@code 1 + ln(count)}, so a third purchase still says more than the first
 *       but never outweighs the weight scale. The entry is the sum over types, e.g. view + cart +
 *       purchase of one item = 1 + 4 + 8 = 13 with the default weights and no decay. With
 *       {@code matrix.dedup=false} the entry is the plain sum of every contribution.
 *   <li>Entries whose weight is not positive (only possible with ratings &lt;= 0) are dropped.
 *   <li><b>Minimum counts</b>, once and in this order: items with fewer than
 *       {@code min_item_events} distinct users are dropped, then users with fewer than
 *       {@code min_user_events} distinct remaining items. (Not iterated to a fixed point: an item
 *       can fall below its minimum after the user filter.) Users and items left without any entry
 *       are never rows or columns.
 * </ol>
 * Row and column ids keep the order in which users and items first appeared.
 *
 * <p>Memory: while accepting, 17 bytes per kept event (int user, int item, byte type, long time;
 * plus a float rating when {@code rating_as_weight}); no per-event objects. {@code build()} adds two
 * int and one float array per kept event, then the exact-size CSR result. Time: O(events + users +
 * items): two counting sorts (by item, then stable by user) group each (user, item) pair with its
 * columns already in order, so no comparison sort is needed. Hand-written because it is on the
 * training path for every model and a map per (user, item, type) is about 10x slower (see
 * {@code docs/benchmarks.md}). Not thread-safe.
 */
public final class MatrixBuilder implements Consumer<Event> {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixBuilder.class);
  private static final int TYPES = EventType.values().length;
  private static final int RATE = EventType.RATE.ordinal();

  private final MatrixOptions options;
  private final double[] weight = new double[TYPES];
  private final boolean[] logRepeat = new boolean[TYPES];
  private final IdIndex users;
  private final IdIndex items;
  private int n;
  private int[] userOf;
  private int[] itemOf;
  private byte[] typeOf;
  private long[] timeOf;
  private float[] ratingOf; // only with ratingAsWeight; NaN when the rate event had no value
  private long newest = Long.MIN_VALUE;
  private boolean fixedReference;
  private Predicate<Event> filter;
  private long seen;
  private long skipped;

  public MatrixBuilder(MatrixOptions options) {
    this(options, 1024);
  }

  /** @param expectedEvents capacity hint (avoids regrowing the arrays) */
  public MatrixBuilder(MatrixOptions options, int expectedEvents) {
    this.options = options;
    for (EventType t : EventType.values()) {
      weight[t.ordinal()] = options.weights().weight(t);
      logRepeat[t.ordinal()] = options.logRepeatTypes().contains(t);
    }
    int cap = Math.max(16, expectedEvents);
    users = new IdIndex(1024); // grows; sizing by events would over-allocate for few users
    items = new IdIndex(1024);
    userOf = new int[cap];
    itemOf = new int[cap];
    typeOf = new byte[cap];
    timeOf = new long[cap];
    if (options.ratingAsWeight()) ratingOf = new float[cap];
  }

  /** A builder with the options of the config. */
  public static MatrixBuilder from(Config config) {
    return new MatrixBuilder(MatrixOptions.from(config));
  }

  /**
   * Reads every event of the store (streaming, append order) and builds the matrix with the
   * config's options. Logs a progress line every 10%.
   */
  public static InteractionMatrix fromStore(EventStore store, Config config) {
    long total = store.eventCount();
    MatrixBuilder b = new MatrixBuilder(MatrixOptions.from(config), (int) Math.min(total, Integer.MAX_VALUE - 16));
    long step = Math.max(1, total / 10);
    long[] count = {0};
    store.forEachEvent(e -> {
      b.accept(e);
      if (++count[0] % step == 0 && total >= 100_000) {
        LOG.info("matrix: read {} of {} events ({}%)", count[0], total, Math.min(100, count[0] * 100 / total));
      }
    });
    return b.build();
  }

  /** Builds from a plain list of events (tests, evaluation splits). */
  public static InteractionMatrix fromEvents(Iterable<Event> events, MatrixOptions options) {
    MatrixBuilder b = new MatrixBuilder(options);
    for (Event e : events) b.accept(e);
    return b.build();
  }

  /**
   * Keeps only the events the predicate accepts (e.g. a set of users, or a time cut-off for a
   * training split). Rejected events do not move the reference time. Set before accepting.
   */
  public MatrixBuilder filter(Predicate<Event> keep) {
    this.filter = keep;
    return this;
  }

  /** Decays relative to this time (epoch ms) instead of the newest accepted event. */
  public MatrixBuilder referenceTime(long time) {
    this.newest = time;
    this.fixedReference = true;
    return this;
  }

  @Override
  public void accept(Event e) {
    seen++;
    if (filter != null && !filter.test(e)) {
      skipped++;
      return;
    }
    if (!fixedReference && e.time() > newest) newest = e.time();
    int t = e.type().ordinal();
    if (e.item() == null || weight[t] <= 0) {
      skipped++;
      return;
    }
    if (n == userOf.length) grow();
    userOf[n] = users.add(e.user());
    itemOf[n] = items.add(e.item());
    typeOf[n] = (byte) t;
    timeOf[n] = e.time();
    if (ratingOf != null) ratingOf[n] = t == RATE && e.value() != null ? e.value().floatValue() : Float.NaN;
    n++;
  }

  /** Events kept so far (with an item and a positive type weight). */
  public int size() {
    return n;
  }

  private void grow() {
    int cap = (int) Math.min(Integer.MAX_VALUE - 16L, userOf.length + (userOf.length >> 1) + 16L);
    if (cap <= n) throw new IllegalStateException("too many events for one matrix: " + n);
    userOf = Arrays.copyOf(userOf, cap);
    itemOf = Arrays.copyOf(itemOf, cap);
    typeOf = Arrays.copyOf(typeOf, cap);
    timeOf = Arrays.copyOf(timeOf, cap);
    if (ratingOf != null) ratingOf = Arrays.copyOf(ratingOf, cap);
  }

  /** Builds the matrix from the events accepted so far. The builder stays usable. */
  public InteractionMatrix build() {
    long t0 = System.nanoTime();
    int nu = users.size();
    int ni = items.size();
    // counting sort by item, then a stable counting sort by user: events grouped by user, then item
    int[] byItem = new int[n];
    int[] ptr = new int[Math.max(nu, ni) + 1];
    for (int k = 0; k < n; k++) ptr[itemOf[k] + 1]++;
    for (int i = 0; i < ni; i++) ptr[i + 1] += ptr[i];
    for (int k = 0; k < n; k++) byItem[ptr[itemOf[k]]++] = k;
    int[] userStart = new int[nu + 1];
    for (int k = 0; k < n; k++) userStart[userOf[k] + 1]++;
    for (int u = 0; u < nu; u++) userStart[u + 1] += userStart[u];
    System.arraycopy(userStart, 0, ptr, 0, nu);
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      int k = byItem[j];
      order[ptr[userOf[k]]++] = k;
    }
    // one entry per (user, item) group; byItem is free now and holds the entries' items
    int[] pairItem = byItem;
    float[] pairValue = new float[n];
    int[] pairEnd = new int[nu]; // end of each user's entries
    int[] itemUsers = new int[ni];
    double hl = Decay.halfLifeMs(options.halfLifeDays());
    long ref = newest == Long.MIN_VALUE ? 0 : newest;
    GroupWeigher weigher = new GroupWeigher();
    int w = 0;
    for (int u = 0; u < nu; u++) {
      int s = userStart[u];
      int e = userStart[u + 1];
      while (s < e) {
        int item = itemOf[order[s]];
        int g = s + 1;
        while (g < e && itemOf[order[g]] == item) g++;
        double v = weigher.weigh(order, s, g, ref, hl);
        if (v > 0) {
          pairItem[w] = item;
          pairValue[w++] = (float) v;
          itemUsers[item]++;
        }
        s = g;
      }
      pairEnd[u] = w;
    }
    order = null; // let the GC have it before the result is allocated
    InteractionMatrix m = filterAndPack(nu, ni, pairEnd, pairItem, pairValue, itemUsers);
    LOG.info("matrix: {} events ({} kept) -> {} users x {} items, {} non-zeros, built in {} ms", seen, n,
        m.rows(), m.cols(), m.nnz(), (System.nanoTime() - t0) / 1_000_000);
    return m;
  }

  /**
   * Applies the minimum counts (items first, then users), drops the columns the user filter left
   * empty, and writes the exact-size CSR. User u's entries are [pairEnd[u - 1], pairEnd[u]).
   */
  private InteractionMatrix filterAndPack(int nu, int ni, int[] pairEnd, int[] pairItem, float[] pairValue,
      int[] itemUsers) {
    int minItem = options.minItemEvents();
    int minUser = options.minUserEvents();
    int[] userCount = new int[nu];
    List<String> keptUsers = new ArrayList<>();
    int[] finalItemUsers = new int[ni];
    int nnz = 0;
    for (int u = 0; u < nu; u++) {
      int from = u == 0 ? 0 : pairEnd[u - 1];
      int c = 0;
      for (int p = from; p < pairEnd[u]; p++) if (itemUsers[pairItem[p]] >= minItem) c++;
      userCount[u] = c;
      if (c < minUser) continue;
      keptUsers.add(users.id(u));
      nnz += c;
      for (int p = from; p < pairEnd[u]; p++) if (itemUsers[pairItem[p]] >= minItem) finalItemUsers[pairItem[p]]++;
    }
    int[] newItem = finalItemUsers; // reused in place: count -> new column index or -1
    List<String> keptItems = new ArrayList<>();
    for (int i = 0; i < ni; i++) {
      if (finalItemUsers[i] > 0) {
        newItem[i] = keptItems.size();
        keptItems.add(items.id(i));
      } else {
        newItem[i] = -1;
      }
    }
    int[] rowPtr = new int[keptUsers.size() + 1];
    int[] cols = new int[nnz];
    float[] vals = new float[nnz];
    int row = 0;
    int q = 0;
    for (int u = 0; u < nu; u++) {
      if (userCount[u] < minUser) continue;
      for (int p = u == 0 ? 0 : pairEnd[u - 1]; p < pairEnd[u]; p++) {
        int c = newItem[pairItem[p]];
        if (c < 0) continue;
        cols[q] = c; // item indexes were visited in ascending order and newItem is monotone: sorted
        vals[q++] = pairValue[p];
      }
      rowPtr[++row] = q;
    }
    IdIndex rowIds = keptUsers.size() == nu ? users : IdIndex.of(keptUsers);
    IdIndex colIds = keptItems.size() == ni ? items : IdIndex.of(keptItems);
    return new InteractionMatrix(rowIds, colIds, rowPtr, cols, vals);
  }

  /** Weighs the events of one (user, item) group; scratch space reused across groups. */
  private final class GroupWeigher {
    private final long[] latestTime = new long[TYPES];
    private final double[] latestValue = new double[TYPES];
    private final int[] count = new int[TYPES];

    double weigh(int[] order, int from, int to, long ref, double halfLifeMs) {
      double sum = 0;
      int touched = 0; // bit set of types seen in this group
      for (int j = from; j < to; j++) {
        int k = order[j];
        int t = typeOf[k];
        double base = weight[t];
        if (ratingOf != null && t == RATE && !Float.isNaN(ratingOf[k])) base = ratingOf[k];
        long time = timeOf[k];
        double c = base * Decay.factor(Math.max(0, ref - time), halfLifeMs);
        if (!options.dedup()) {
          sum += c;
          continue;
        }
        if ((touched & (1 << t)) == 0) {
          touched |= 1 << t;
          count[t] = 1;
          latestTime[t] = time;
          latestValue[t] = c;
        } else {
          count[t]++;
          if (time > latestTime[t] || (time == latestTime[t] && c > latestValue[t])) {
            latestTime[t] = time;
            latestValue[t] = c;
          }
        }
      }
      if (!options.dedup()) return sum;
      for (int t = 0; t < TYPES; t++) {
        if ((touched & (1 << t)) == 0) continue;
        double v = latestValue[t];
        sum += logRepeat[t] ? v * (1 + Math.log(count[t])) : v;
      }
      return sum;
    }
  }
}
