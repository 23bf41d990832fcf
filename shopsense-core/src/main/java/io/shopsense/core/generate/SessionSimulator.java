package io.shopsense.core.generate;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One shopping session of one shopper: rate and review earlier purchases, re-buy consumables that
 * ran out, then a few steps of searching (search, impression, clicks with position bias times the
 * shopper's hidden fit), browsing a category (views drawn by popularity, chosen by fit) or visiting
 * a favourite shop, adding to the cart on the way, and finally checking out part of the cart.
 * Stays mostly within the shopper's favourite categories, with some exploration.
 */
final class SessionSimulator {
  static final long SECOND = 1000;
  static final long DAY = 86_400_000L;
  private static final int CANDIDATES = 12;
  private static final long NOVELTY = 14 * DAY;

  private final Catalog c;
  private final PromotionPlan promos;
  private final DemoSearch search;
  private final EventSink sink;
  private final double[] catWeights;
  /** A complementary category to look at after the current step (coffee beans after a coffee maker), or -1. */
  private int complement = -1;
  private double cartBoost;
  private final int[] cand = new int[CANDIDATES];
  private final double[] candWeight = new double[CANDIDATES];

  SessionSimulator(Catalog c, PromotionPlan promos, DemoSearch search, EventSink sink) {
    this.c = c;
    this.promos = promos;
    this.search = search;
    this.sink = sink;
    this.catWeights = c.tax.categories.stream().mapToDouble(Taxonomy.Category::weight).toArray();
  }

  /** Runs a session starting at {@code start}; returns the time of its last event. */
  long run(Shopper u, ShopperState st, long start, Channel channel) {
    SplittableRandom r = st.random;
    EventSink.Session s = new EventSink.Session(u.id, u.id + "-s" + (++st.sessions), channel);
    long t = reviews(u, st, s, start);
    t = replenish(u, st, s, t);
    int steps = 1;
    while (steps < 6 && Rand.chance(r, 0.55)) steps++;
    for (int k = 0; k < steps; k++) {
      double p = r.nextDouble();
      if (p < 0.45) t = searchStep(u, st, s, t);
      else if (p < 0.88 || u.shops.length == 0) t = browseStep(u, st, s, t, chooseCategory(r, u));
      else t = shopStep(u, st, s, t);
      if (complement >= 0) { // one look at what goes with the item just put in the cart, no chains
        int cat = complement;
        complement = -1;
        cartBoost = 0.15; // looking for something to go with it: likelier to add one
        t = browseStep(u, st, s, t, cat);
        cartBoost = 0;
        complement = -1;
      }
    }
    return checkout(u, st, s, t);
  }

  private long searchStep(Shopper u, ShopperState st, EventSink.Session s, long t) {
    SplittableRandom r = st.random;
    int cat = chooseCategory(r, u);
    DemoSearch.Query q = search.makeQuery(r, u, cat, u.lang);
    t += gap(r);
    emit(r, s, EventType.SEARCH, null, t, null, q.text(), null, null);
    int[] shown = search.results(r, q, t, 10 + r.nextInt(11));
    if (shown.length == 0) return t;
    List<String> ids = new ArrayList<>(shown.length);
    for (int i : shown) ids.add(c.items[i].id());
    t += SECOND;
    emit(r, s, EventType.IMPRESSION, null, t, null, q.text(), ids, null);
    double catBias = u.categoryWeight(cat) > 0 ? 0.6 : -0.6; // an exploring shopper clicks less
    int clicks = 0;
    for (int rank = 0; rank < shown.length && clicks < 4; rank++) {
      int i = shown[rank];
      double examine = 1 / Math.pow(1 + rank, 0.8); // position bias: lower results are seen less
      double attract = sigmoid(u.fit(c, i) + catBias + 0.5 * search.textMatch(q, i) - 1.6);
      if (r.nextDouble() < 0.55 * examine * attract) {
        clicks++;
        t += gap(r);
        emit(r, s, EventType.CLICK, c.items[i].id(), t, null, null, null, null);
        t = afterLook(u, st, s, i, t);
      }
    }
    return t;
  }

  private long browseStep(Shopper u, ShopperState st, EventSink.Session s, long t, int cat) {
    SplittableRandom r = st.random;
    int views = 1;
    while (views < 8 && Rand.chance(r, 0.5)) views++;
    int prev = -1;
    for (int v = 0; v < views; v++) {
      int i = pickInCategory(r, u, cat, t);
      if (i == prev) i = pickInCategory(r, u, cat, t); // rather another item than the same page again
      if (i < 0) break;
      prev = i;
      t += gap(r);
      emit(r, s, EventType.VIEW, c.items[i].id(), t, null, null, null, null);
      t = afterLook(u, st, s, i, t);
    }
    return t;
  }

  private long shopStep(Shopper u, ShopperState st, EventSink.Session s, long t) {
    SplittableRandom r = st.random;
    int[] items = c.itemsByShop[u.shops[r.nextInt(u.shops.length)]];
    int m = 0;
    while (m < items.length && c.created[items[m]] <= t) m++;
    if (m == 0) return browseStep(u, st, s, t, chooseCategory(r, u));
    int views = 1 + r.nextInt(4);
    for (int v = 0; v < views; v++) {
      int k = Math.min(CANDIDATES, m);
      for (int j = 0; j < k; j++) {
        cand[j] = items[r.nextInt(m)];
        candWeight[j] = Math.exp(u.fit(c, cand[j]) + (u.categoryWeight(c.cat[cand[j]]) > 0 ? 1 : 0));
      }
      int i = cand[Rand.weighted(r, java.util.Arrays.copyOf(candWeight, k))];
      t += gap(r);
      emit(r, s, EventType.VIEW, c.items[i].id(), t, null, null, null, null);
      t = afterLook(u, st, s, i, t);
    }
    return t;
  }

  /** After seeing an item page: maybe add to cart, maybe favourite. */
  private long afterLook(Shopper u, ShopperState st, EventSink.Session s, int i, long t) {
    SplittableRandom r = st.random;
    double aff = u.affinity(c, i);
    if (c.inStock[i] && !st.owned.contains(i) && !st.inCart(i) && Rand.chance(r, 0.03 + cartBoost + 0.2 * aff)) {
      t += gap(r);
      emit(r, s, EventType.ADD_TO_CART, c.items[i].id(), t, null, null, null, null);
      st.cart.add(new long[] {i, t});
      int[] comp = c.tax.categories.get(c.cat[i]).complements();
      if (comp.length > 0 && Rand.chance(r, 0.4)) complement = comp[r.nextInt(comp.length)];
    }
    if (Rand.chance(r, 0.02 + 0.06 * aff)) {
      t += gap(r);
      emit(r, s, EventType.FAVORITE, c.items[i].id(), t, null, null, null, null);
    }
    return t;
  }

  /** Buys part of the cart (likelier for items that fit and are on promotion); drops some lines. */
  private long checkout(Shopper u, ShopperState st, EventSink.Session s, long t) {
    SplittableRandom r = st.random;
    for (Iterator<long[]> it = st.cart.iterator(); it.hasNext(); ) {
      long[] line = it.next();
      int i = (int) line[0];
      if (t - line[1] > 7 * DAY || Rand.chance(r, 0.12)) { // abandoned or changed mind
        it.remove();
        if (t - line[1] <= 7 * DAY || Rand.chance(r, 0.3)) {
          t += gap(r);
          emit(r, s, EventType.REMOVE_FROM_CART, c.items[i].id(), t, null, null, null, null);
        }
        continue;
      }
      double p = (0.15 + 0.45 * u.affinity(c, i)) * (promos.promoted(i, t) ? 1.3 : 1)
          * (c.tax.categories.get(c.cat[i]).consumable() ? 1.2 : 1);
      if (Rand.chance(r, Math.min(0.95, p))) {
        it.remove();
        t = purchase(u, st, s, i, t);
      }
    }
    return t;
  }

  private long purchase(Shopper u, ShopperState st, EventSink.Session s, int i, long t) {
    SplittableRandom r = st.random;
    int cat = c.cat[i];
    boolean consumable = c.tax.categories.get(cat).consumable();
    double q = r.nextDouble();
    int quantity = consumable ? (q < 0.6 ? 1 : q < 0.9 ? 2 : 3) : (q < 0.9 ? 1 : 2);
    t += gap(r);
    emit(r, s, EventType.PURCHASE, c.items[i].id(), t, (double) quantity, null, null, null);
    st.toReview.add(new long[] {i, t});
    if (!consumable) st.owned.add(i);
    for (int k = 0; k < u.consumables.length; k++) {
      if (u.consumables[k] == cat) {
        st.lastConsumable[k] = i;
        st.due[k] = t + (long) (u.intervalDays[k] * quantity * Rand.lognormal(r, 0, 0.15) * DAY);
      }
    }
    return t;
  }

  /** Re-buys consumables that run out today: mostly the same item again. */
  private long replenish(Shopper u, ShopperState st, EventSink.Session s, long t) {
    SplittableRandom r = st.random;
    long dayEnd = (Math.floorDiv(t, DAY) + 1) * DAY;
    for (int k = 0; k < u.consumables.length; k++) {
      if (st.lastConsumable[k] < 0 || st.due[k] >= dayEnd) continue;
      if (!Rand.chance(r, 0.85)) {
        st.due[k] += (2 + r.nextInt(4)) * DAY; // not yet: a few days later
        continue;
      }
      int i = st.lastConsumable[k];
      if (!c.inStock[i] || Rand.chance(r, 0.2)) i = pickInCategory(r, u, u.consumables[k], t);
      if (i < 0 || !c.inStock[i]) {
        st.due[k] += DAY;
        continue;
      }
      t += gap(r);
      emit(r, s, EventType.VIEW, c.items[i].id(), t, null, null, null, null);
      t += gap(r);
      emit(r, s, EventType.ADD_TO_CART, c.items[i].id(), t, null, null, null, null);
      t = purchase(u, st, s, i, t);
    }
    return t;
  }

  /** Rates (and sometimes reviews) purchases at least two days old; the rating follows the fit. */
  private long reviews(Shopper u, ShopperState st, EventSink.Session s, long t) {
    SplittableRandom r = st.random;
    for (Iterator<long[]> it = st.toReview.iterator(); it.hasNext(); ) {
      long[] p = it.next();
      if (t - p[1] < 2 * DAY) continue;
      it.remove();
      if (!Rand.chance(r, 0.3)) continue;
      int i = (int) p[0];
      int rating = (int) Math.max(1, Math.min(5, Math.round(1.4 + 3.6 * u.affinity(c, i) + 0.6 * r.nextGaussian())));
      t += gap(r);
      emit(r, s, EventType.RATE, c.items[i].id(), t, (double) rating, null, null, null);
      if (Rand.chance(r, 0.4)) {
        Taxonomy.Category cat = c.tax.categories.get(c.cat[i]);
        String text = Texts.review(r, u.lang, cat.noun(), cat.styles().get(c.style1[i]), rating);
        t += gap(r) * 3;
        emit(r, s, EventType.REVIEW, c.items[i].id(), t, null, null, null, text);
      }
    }
    return t;
  }

  /** An item of the category existing at time t: popular candidates, the one that fits best likelier. */
  private int pickInCategory(SplittableRandom r, Shopper u, int cat, long t) {
    int m = c.available(cat, t);
    if (m == 0) return -1;
    int k = Math.min(CANDIDATES, m);
    int[] pool = c.byCategory[cat];
    double[] cum = c.cumPopularity[cat];
    double total = 0;
    for (int j = 0; j < k; j++) {
      cand[j] = pool[Rand.cumulative(r, cum, m)];
      // new arrivals get extra attention in their first two weeks, so recent popularity differs from all-time
      candWeight[j] = Math.exp(u.fit(c, cand[j])) * (t - c.created[cand[j]] < NOVELTY ? 2 : 1);
      total += candWeight[j];
    }
    double x = r.nextDouble() * total;
    for (int j = 0; j < k; j++) {
      x -= candWeight[j];
      if (x < 0) return cand[j];
    }
    return cand[k - 1];
  }

  /** Mostly a favourite category; sometimes exploration by overall popularity. */
  private int chooseCategory(SplittableRandom r, Shopper u) {
    return Rand.chance(r, 0.88) ? u.drawCategory(r) : Rand.weighted(r, catWeights);
  }

  private void emit(SplittableRandom r, EventSink.Session s, EventType type, String item, long t, Double value,
      String query, List<String> items, String text) {
    sink.emit(r, s, type, item, t, value, query, items, text);
  }

  /** Seconds between two actions: 4 s plus an exponential with a 25 s mean. */
  private static long gap(SplittableRandom r) {
    return SECOND * (4 + (long) (-25 * Math.log(1 - r.nextDouble())));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Channel of a session: the shopper's main one three times in four. */
  static Channel channel(SplittableRandom r, Shopper u) {
    if (Rand.chance(r, 0.75)) return u.channel;
    Channel[] all = Channel.values();
    Channel other = all[r.nextInt(all.length - 1)];
    return other.ordinal() >= u.channel.ordinal() ? all[other.ordinal() + 1] : other;
  }
}
