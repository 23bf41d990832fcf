package io.shopsense.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceBandsTest {
  static Item item(String id, String category, double price) {
    return new Item(id, id, null, category, null, null, price, true, null, 0);
  }

  @Test
  void tercilesPerTopCategory() {
    List<Item> items = new ArrayList<>();
    for (int p = 1; p <= 12; p++) items.add(item("s" + p, "Shoes>Running", p * 10)); // 10..120
    for (int p = 1; p <= 12; p++) items.add(item("b" + p, "Books", p)); // 1..12
    PriceBands b = PriceBands.fit(items);
    // 12 prices: low cut p[4], high cut p[7] -> 4 budget, 4 mid, 4 premium
    assertThat(b.band("Shoes", 40)).isEqualTo(PriceBands.BUDGET);
    assertThat(b.band("Shoes", 50)).isEqualTo(PriceBands.MID);
    assertThat(b.band("Shoes", 80)).isEqualTo(PriceBands.MID);
    assertThat(b.band("Shoes", 90)).isEqualTo(PriceBands.PREMIUM);
    // the same price is premium among books and budget among shoes
    assertThat(b.band(item("x", "Books>Fiction", 12))).isEqualTo(PriceBands.PREMIUM);
    assertThat(b.band(item("y", "Shoes", 12))).isEqualTo(PriceBands.BUDGET);
  }

  @Test
  void nineDistinctPricesSplitThreeThreeThreeAndEqualPricesAreMid() {
    List<Item> items = new ArrayList<>();
    for (int p = 1; p <= 9; p++) items.add(item("i" + p, null, p));
    PriceBands b = PriceBands.fit(items);
    List<String> bands = items.stream().map(b::band).toList();
    assertThat(bands).containsExactly("budget", "budget", "budget", "mid", "mid", "mid", "premium", "premium", "premium");
    PriceBands same = PriceBands.fit(List.of(item("a", "X", 5), item("b", "X", 5), item("c", "X", 5)));
    assertThat(same.band("X", 5)).isEqualTo(PriceBands.MID);
  }

  @Test
  void smallCategoriesUseTheGlobalCutsAndUnpricedItemsHaveNoBand() {
    List<Item> items = new ArrayList<>();
    for (int p = 1; p <= 30; p++) items.add(item("g" + p, "Big", p));
    items.add(item("t1", "Tiny", 1000)); // one item: too few for its own cuts
    items.add(item("free", "Big", 0));
    PriceBands b = PriceBands.fit(items);
    // global prices 1..30 and 1000 (31 items): low cut p[10] = 11, high cut p[20] = 21
    assertThat(b.band("Tiny", 5)).isEqualTo(PriceBands.BUDGET);
    assertThat(b.band("Tiny", 25)).isEqualTo(PriceBands.PREMIUM);
    assertThat(b.band("Tiny", 15)).isEqualTo(PriceBands.MID);
    assertThat(b.band(items.get(items.size() - 1))).isNull();
    assertThat(PriceBands.none().band("Big", 10)).isNull();
  }
}
