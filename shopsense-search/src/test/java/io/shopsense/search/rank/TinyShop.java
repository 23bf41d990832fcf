package io.shopsense.search.rank;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny shop whose right ranking is known: ten running shoes, five by Acme and five by Bolt, same
 * words, same price range. Acme fans (users {@code a0..}) only ever click and buy Acme, Bolt fans
 * ({@code b0..}) only Bolt; the logged result lists show all ten in a random order, so only the
 * shopper's brand explains the clicks. After training, an Acme fan must get Acme first and a Bolt
 * fan Bolt first.
 */
final class TinyShop {
  static final long T0 = 1_700_000_000_000L;
  static final long MIN = 60_000L;
  static final String QUERY = "running shoes";

  private TinyShop() {}

  static List<Item> items() {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(new Item("acme" + i, "Acme running shoes model " + i, "light running shoes", "Shoes>Running", "Acme",
          "shop1", 80 + i, true, Map.of(), 0));
      out.add(new Item("bolt" + i, "Bolt running shoes model " + i, "light running shoes", "Shoes>Running", "Bolt",
          "shop2", 80 + i, true, Map.of(), 0));
    }
    return out;
  }

  /**
   * Each fan: a first session viewing two items of their brand, then {@code searches} sessions of
   * search, impression of all ten (random order), click on the first shown item of their brand,
   * cart and purchase. Events in time order.
   */
  static List<Event> events(int fansPerBrand, int searches, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    List<String> all = items().stream().map(Item::id).toList();
    long t = T0;
    for (int round = 0; round <= searches; round++) {
      for (int u = 0; u < 2 * fansPerBrand; u++) {
        String brand = u % 2 == 0 ? "acme" : "bolt";
        String user = (u % 2 == 0 ? "a" : "b") + (u / 2);
        String session = user + "-s" + round;
        t += 3 * MIN;
        if (round == 0) {
          out.add(ev(user, EventType.VIEW, brand + r.nextInt(5), t, session, null, null));
          out.add(ev(user, EventType.VIEW, brand + r.nextInt(5), t + 1000, session, null, null));
          continue;
        }
        List<String> shown = new ArrayList<>(all);
        java.util.Collections.shuffle(shown, new java.util.Random(r.nextLong()));
        out.add(ev(user, EventType.SEARCH, null, t, session, QUERY, null));
        out.add(ev(user, EventType.IMPRESSION, null, t + 1000, session, QUERY, shown));
        String pick = shown.stream().filter(id -> id.startsWith(brand)).findFirst().orElseThrow();
        out.add(ev(user, EventType.CLICK, pick, t + 2000, session, null, null));
        out.add(ev(user, EventType.ADD_TO_CART, pick, t + 3000, session, null, null));
        out.add(ev(user, EventType.PURCHASE, pick, t + 4000, session, null, null));
      }
    }
    return out;
  }

  static Event ev(String user, EventType type, String item, long time, String session, String query, List<String> items) {
    return new Event(null, user, type, item, time, session, Channel.APP, null, query, items, null);
  }
}
