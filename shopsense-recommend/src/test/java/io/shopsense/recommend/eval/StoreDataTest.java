package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits of a real SQLite store: pairs split, training weights as the production matrix builder gives them. */
class StoreDataTest {
  @TempDir Path dir;

  @Test
  void leaveOneOutOnAStoreUsesProductionWeights() {
    try (Store store = Stores.forDataDir(dir)) {
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < 6; i++) items.add(new Item("p" + i, "Item " + i, null, "C", null, null, 1, true, null, 0));
      store.upsertItems(items);
      List<Event> ev = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        ev.add(Event.of("s" + u, EventType.VIEW, "p0", 1000));
        ev.add(Event.of("s" + u, EventType.PURCHASE, "p0", 2000));
        ev.add(Event.of("s" + u, EventType.SEARCH, null, 2500)); // no item: ignored
        ev.add(Event.of("s" + u, EventType.CLICK, "p" + (u + 1), 3000)); // latest: held out
      }
      store.append(ev);
      Config c = Config.defaults().with(Map.of("matrix.half_life_days", "0"));
      StoreData d = StoreData.read(store, c);
      assertThat(d.catalog()).hasSize(6);
      Split s = d.split("loo", c);
      assertThat(s.test().size()).isEqualTo(3);
      var m = s.train().toMatrix(false);
      assertThat(m.cols()).isEqualTo(6); // every catalog item is a column, p5 never seen
      int u0 = m.rowIds().get("s0");
      int p0 = m.colIds().get("p0");
      // view 1 + purchase 8, no decay
      assertThat(m.get(u0, p0)).isEqualTo(9f);
      assertThat(m.nnz()).isEqualTo(3);
      assertThat(s.train().items().id(s.test().items(0)[0])).isEqualTo("p1");
      Split ncf = d.split("ncf", c.with(Map.of("eval.negatives", "3")));
      assertThat(ncf.test().candidates(0)).hasSize(4);
    }
  }
}
