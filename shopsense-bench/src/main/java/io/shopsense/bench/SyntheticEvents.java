package io.shopsense.bench;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Events shaped like the demo generator's, for benchmarks that must not wait for a store: Zipf item
 * popularity (s = 1.0) and user activity (s = 0.7), sessions of a few events, a type mix dominated
 * by impressions and views, eight weeks of time. Ids are fresh String objects per event, as a store
 * read would give (no cached hash codes). Deterministic for a seed.
 */
public final class SyntheticEvents {
  private SyntheticEvents() {}

  /** Type mix in per mille: impression, search, view, click, cart, remove, purchase, rate, review, favorite. */
  private static final EventType[] MIX_TYPES = {EventType.IMPRESSION, EventType.SEARCH, EventType.VIEW, EventType.CLICK,
      EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART, EventType.PURCHASE, EventType.RATE, EventType.REVIEW,
      EventType.FAVORITE};
  private static final int[] MIX = {200, 50, 430, 150, 70, 10, 50, 20, 10, 10};

  public static List<Event> generate(int events, int users, int items, long seed) {
    Random rnd = new Random(seed);
    double[] itemCdf = zipfCdf(items, 1.0);
    double[] userCdf = zipfCdf(users, 0.7);
    String[] userIds = new String[users];
    for (int u = 0; u < users; u++) userIds[u] = "u" + u;
    String[] itemIds = new String[items];
    for (int i = 0; i < items; i++) itemIds[i] = "i" + i;
    int[] typeCdf = new int[MIX.length];
    for (int t = 0, s = 0; t < MIX.length; t++) typeCdf[t] = s += MIX[t];
    long start = 1_700_000_000_000L;
    long span = 56L * 86_400_000L;
    List<Event> out = new ArrayList<>(events);
    Channel[] channels = Channel.values();
    while (out.size() < events) {
      // one session: a user, a channel, 2..20 events a minute or so apart
      int u = sample(userCdf, rnd);
      long t = start + (long) (rnd.nextDouble() * span);
      String session = "s" + out.size();
      Channel ch = channels[rnd.nextInt(channels.length)];
      int len = 2 + rnd.nextInt(19);
      for (int k = 0; k < len && out.size() < events; k++) {
        t += 5_000 + rnd.nextInt(120_000);
        int r = rnd.nextInt(1000);
        int ti = 0;
        while (typeCdf[ti] <= r) ti++;
        EventType type = MIX_TYPES[ti];
        String item = type.needsItem() ? new String(itemIds[sample(itemCdf, rnd)]) : null;
        Double value = type == EventType.RATE ? (double) (1 + rnd.nextInt(5)) : null;
        String query = type == EventType.SEARCH ? "query " + rnd.nextInt(500) : null;
        out.add(new Event(null, new String(userIds[u]), type, item, t, session, ch, value, query, null, null));
      }
    }
    return out;
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
    for (int i = 0; i < n; i++) cdf[i] /= sum;
    return cdf;
  }

  private static int sample(double[] cdf, Random rnd) {
    int p = Arrays.binarySearch(cdf, rnd.nextDouble());
    return Math.min(cdf.length - 1, p >= 0 ? p : -p - 1);
  }
}
