package io.shopsense.core.profile;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small hand-made catalog and event helpers for the profile tests. */
final class ProfileFixtures {
  static final long MIN = 60_000L;
  static final long DAY = 86_400_000L;

  static final List<Item> ITEMS = List.of(
      new Item("a", "Trail runner", null, "Shoes>Running", "Nike", "s1", 100, true, Map.of(), 0),
      new Item("b", "Loafer", null, "Shoes>Casual", "Adidas", "s1", 50, true, Map.of(), 0),
      new Item("c", "Novel", null, "Books>Fiction", "Penguin", "s2", 10, true, Map.of(), 0),
      new Item("d", "跑步鞋", null, "Shoes>Running", "Li-Ning", "s3", 300, true, Map.of(), 0));

  private ProfileFixtures() {}

  static Item item(String id) {
    return ITEMS.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
  }

  static Event ev(String user, EventType type, String item, long time) {
    return Event.of(user, type, item, time);
  }

  static Event ev(String user, EventType type, String item, long time, String session, Channel channel) {
    return new Event(null, user, type, item, time, session, channel, null, null, null, null);
  }

  static Event search(String user, String query, long time) {
    return new Event(null, user, EventType.SEARCH, null, time, null, Channel.WEB, null, query, List.of("a", "b"), null);
  }

  /** Random events over a catalog of generated items (and a few unknown ids). */
  static List<Event> randomEvents(Random rnd, int users, int count, List<Item> catalog) {
    EventType[] types = EventType.values();
    Channel[] channels = Channel.values();
    List<Event> out = new ArrayList<>();
    long t = 1_700_000_000_000L;
    for (int k = 0; k < count; k++) {
      t += rnd.nextInt(40) * MIN + rnd.nextInt(3) * DAY / 2;
      EventType type = types[rnd.nextInt(types.length)];
      String item = type.needsItem()
          ? (rnd.nextInt(20) == 0 ? "unknown" + rnd.nextInt(3) : catalog.get(rnd.nextInt(catalog.size())).id()) : null;
      String session = rnd.nextInt(3) == 0 ? null : "s" + rnd.nextInt(4);
      String query = type == EventType.SEARCH ? "q" + rnd.nextInt(30) : null;
      out.add(new Event(null, "u" + rnd.nextInt(users), type, item, t, session,
          rnd.nextBoolean() ? channels[rnd.nextInt(channels.length)] : null, null, query, null, null));
    }
    return out;
  }

  static List<Item> randomCatalog(Random rnd, int n) {
    String[] tops = {"Shoes", "Books", "Phones", "Toys", "Food"};
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String top = tops[rnd.nextInt(tops.length)];
      items.add(new Item("i" + i, "item " + i, null, top + ">" + "sub" + rnd.nextInt(3), "brand" + rnd.nextInt(8),
          "shop" + rnd.nextInt(5), rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(500), true, Map.of(), 0));
    }
    return items;
  }
}
