package io.shopsense.core.store;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.Arrays;
import java.util.Map;

/**
 * What a store holds, for {@code shopsense stats}: catalog counts, events per type, distinct users
 * and items, and the sparsity of the user-item matrix.
 *
 * @param users distinct users that appear in events
 * @param itemsWithEvents distinct items that appear in events
 * @param pairs distinct (user, item) pairs over events that name an item
 */
public record StoreStats(long items, long shops, long promotions, long events, Map<EventType, Long> eventsByType,
    long users, long itemsWithEvents, long pairs) {

  public StoreStats {
    eventsByType = Map.copyOf(eventsByType);
  }

  /**
   * Reads the counts, and the distinct pairs with one pass over the events (about 12 bytes per
   * event of memory; fine at the millions of events one machine holds).
   */
  public static StoreStats of(Store store) {
    long[] ui = store.distinctUsersAndItems();
    return new StoreStats(store.itemCount(), store.shopCount(), store.promotionCount(), store.eventCount(),
        store.countByType(), ui[0], ui[1], distinctPairs(store));
  }

  /** Distinct user-item pairs: the non-zeros of the interaction matrix built from every item event. */
  private static long distinctPairs(EventStore store) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    int[][] rc = {new int[1024], new int[1024]};
    int[] n = {0};
    store.forEachEvent((Event e) -> {
      if (e.item() == null) return;
      if (n[0] == rc[0].length) {
        rc[0] = Arrays.copyOf(rc[0], n[0] * 2);
        rc[1] = Arrays.copyOf(rc[1], n[0] * 2);
      }
      rc[0][n[0]] = users.add(e.user());
      rc[1][n[0]] = items.add(e.item());
      n[0]++;
    });
    return InteractionMatrix.fromTriples(users, items, rc[0], rc[1], new float[n[0]], n[0]).nnz();
  }

  /** 1 - pairs / (users x items): the share of the user-item matrix that is empty; 1 when there are no events. */
  public double sparsity() {
    double cells = (double) users * itemsWithEvents;
    return cells == 0 ? 1 : 1 - pairs / cells;
  }
}
