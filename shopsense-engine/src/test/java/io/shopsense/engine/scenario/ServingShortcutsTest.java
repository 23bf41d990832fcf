package io.shopsense.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Item;
import io.shopsense.engine.Engine;
import io.shopsense.engine.ShopSense;
import io.shopsense.engine.TestStores;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.rules.RuleEngine;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcuts of the serving path give the answers of the plain computations they replace: the
 * cached rule masks and exclusions ({@link Sources#eligible}) against {@link RuleEngine#accepts}, the
 * precomputed score orders against {@link TopK}, and {@link Sources#best} against a stable sort.
 */
class ServingShortcutsTest {
  @TempDir static Path dir;
  static ShopSense s;

  @BeforeAll
  static void open() {
    s = TestStores.open(dir.resolve("data"), Map.of());
    assertThat(s.train().published()).isTrue();
  }

  @AfterAll
  static void close() {
    s.close();
  }

  private static Ctx ctx(String user, Rules rules) {
    Engine e = s.internals();
    ModelSnapshot snap = e.models().current();
    LiveView live = e.live().view(user, e.clock().now());
    return new Ctx(snap, e.catalog(), new Columns(snap, e.catalog()), live, snap.userRow(user), e.clock().now(), 10, rules,
        ScenarioSettings.from(s.config()), new RecommendRequest(Scenario.FOR_YOU, user, null, List.of(), 10, null, false, rules));
  }

  @Test
  void eligibleColumnsAreExactlyTheAcceptedItems() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    Engine e = s.internals();
    List<String> users = new ArrayList<>(List.of("nobody"));
    e.store().forEachEvent(ev -> {
      if (users.size() < 40 && !users.contains(ev.user())) users.add(ev.user());
    });
    List<Item> items = new ArrayList<>(e.catalog().items());
    items.sort(Comparator.comparing(Item::id));
    for (String u : users) {
      // a shopper's own exclusions, plus filters drawn at random (category prefix, brand, shop, price)
      Item a = items.get(r.nextInt(items.size())), b = items.get(r.nextInt(items.size()));
      Rules rules = new Rules(r.nextBoolean(), r.nextInt(3) == 0 && a.topCategory() != null ? List.of(a.topCategory()) : List.of(),
          r.nextInt(4) == 0 && a.brand() != null ? List.of(a.brand().toUpperCase(java.util.Locale.ROOT)) : List.of(),
          r.nextInt(4) == 0 ? List.of(a.shop(), b.shop()) : List.of(), r.nextBoolean() ? 10.0 : null, r.nextBoolean() ? 80.0 : null,
          r.nextBoolean(), r.nextBoolean(), Map.of(), List.of(), 0, 1, 0);
      Ctx c = ctx(u, rules);
      for (boolean excludeBought : new boolean[] {true, false}) {
        IntPredicate ok = Sources.eligible(c, excludeBought);
        for (int col = -1; col <= c.snap().numItems(); col++) {
          boolean want = RuleEngine.accepts(c.item(col), rules, c.live(), excludeBought);
          assertThat(ok.test(col)).as("seed %d, user %s, column %d, rules %s", seed, u, col, rules).isEqualTo(want);
        }
      }
    }
  }

  @Test
  void knownOrdersGiveTheTopKOfTheirScores() {
    Ctx c = ctx("nobody", Rules.defaults());
    float[] trend = c.snap().stats().trend();
    IntPredicate odd = i -> (i & 1) == 1;
    List<ScoredItem> want = TopK.select(trend, 50, i -> trend[i] > 0 && odd.test(i));
    List<io.shopsense.engine.rules.Scored> got = Sources.top(c, c.columns().trendOrder(), 50, "trending", odd);
    assertThat(got.stream().map(io.shopsense.engine.rules.Scored::id).toList())
        .containsExactlyElementsOf(want.stream().map(x -> c.snap().itemId(x.item())).toList());
    // ties go to the lower column, zeros and NaN are left out
    float[] s = {3, 0, 5, 3, Float.NaN, 5, -1, 3};
    assertThat(Columns.order(s)).containsExactly(2, 5, 0, 3, 7);
  }

  @Test
  void bestIsAStableSortsPrefix() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int m = r.nextInt(60);
      double[] s = new double[m + 3];
      for (int i = 0; i < m; i++) s[i] = r.nextInt(8) / 4.0; // many ties
      int k = r.nextInt(70);
      Integer[] idx = new Integer[m];
      for (int i = 0; i < m; i++) idx[i] = i;
      Arrays.sort(idx, (x, y) -> Double.compare(s[y], s[x]));
      int[] want = Arrays.stream(idx).limit(k).mapToInt(Integer::intValue).toArray();
      assertThat(Sources.best(s, m, k)).as("seed %d, round %d", seed, round).containsExactly(want);
    }
  }

  @Test
  void orderSkipsNothingPositive() {
    Set<Integer> seen = new java.util.HashSet<>();
    float[] s = {0.5f, 0.25f, 0.5f, 1e-30f};
    for (int i : Columns.order(s)) seen.add(i);
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
  }
}
