package io.shopsense.core.store;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link StoreDurabilityTest}: appends batches to a SQLite store forever and prints
 * {@code ack <batch>} on stdout after each {@code append} returns, until it is killed.
 * Args: store URL, events per batch.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  /** The id of event i of batch b. */
  static String id(int batch, int i) {
    return "b" + batch + "-" + i;
  }

  public static void main(String[] args) {
    int size = Integer.parseInt(args[1]);
    try (Store store = Stores.open(args[0])) {
      for (int b = 0; ; b++) {
        List<Event> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          batch.add(new Event(id(b, i), "u" + (i % 50), EventType.VIEW, "i" + i, 1_700_000_000_000L + b * 1000L + i,
              "s" + b, Channel.APP, null, null, null, null));
        }
        int added = store.append(batch);
        if (added != size) throw new IllegalStateException("batch " + b + " added " + added);
        System.out.println("ack " + b);
        System.out.flush();
      }
    }
  }
}
