package io.shopsense.recommend.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTfIdfTest {
  static Item item(String id, String title, String category, String brand) {
    return new Item(id, title, null, category, brand, null, 1, true, null, 0);
  }

  @Test
  void analyzerHandlesEnglishAndChinese() {
    assertThat(TextAnalyzer.tokens("The Trail-Running Shoes, size 10 for MEN")).containsExactly("trail", "running", "shoe", "size", "10", "men");
    assertThat(TextAnalyzer.tokens("Ｎｉｋｅ　跑步鞋 男款")).containsExactly("nike", "跑步", "步鞋", "男款");
    assertThat(TextAnalyzer.tokens("鞋 batteries glass")).containsExactly("鞋", "battery", "glass");
    assertThat(TextAnalyzer.tokens("iPhone15手机壳")).containsExactly("iphone15", "手机", "机壳");
    assertThat(TextAnalyzer.tokens(null)).isEmpty();
  }

  @Test
  void itemsWithoutEventsAreRecommendedFromTheirText() {
    // i1..i3 have events; i4 (a new running shoe) and i5 (a new coffee item) have none
    InteractionMatrix m = TestData.fromRows(new double[][] {{1, 0, 0, 0, 0}, {0, 1, 1, 0, 0}});
    List<Item> catalog = List.of(
        item("i1", "Trail running shoe", "Shoes>Running", "Salomon"),
        item("i2", "Espresso coffee grinder", "Kitchen>Coffee", "Baratza"),
        item("i3", "Milk frother", "Kitchen>Coffee", "Breville"),
        item("i4", "Road running shoes", "Shoes>Running", "Asics"),
        item("i5", "Coffee beans dark roast", "Kitchen>Coffee", "Lavazza"));
    Config c = TestData.config();
    ItemNeighbourModel model = new ContentTfIdf(c).fit(m, new TrainContext(c, 1, 1, catalog, null));
    assertThat(model.recommend(0, 1, i -> m.get(0, i) == 0)).extracting(ScoredItem::item).containsExactly(3);
    assertThat(model.recommend(1, 1, i -> m.get(1, i) == 0)).extracting(ScoredItem::item).containsExactly(4);
    // "similar items" for the new shoe, from its text alone
    float[] s = new float[5];
    model.scoreItemSet(new int[] {3}, null, s);
    assertThat(s[0]).isGreaterThan(0);
    assertThat(s[1]).isZero();
  }

  @Test
  void chineseTitlesMatchThroughBigrams() {
    InteractionMatrix m = TestData.fromRows(new double[][] {{1, 0, 0}});
    List<Item> catalog = List.of(
        item("i1", "男士跑步鞋 轻便透气", "鞋>运动鞋", null),
        item("i2", "电动咖啡机 家用", "厨房>咖啡", null),
        item("i3", "女士跑步鞋 缓震", "鞋>运动鞋", null));
    Config c = TestData.config();
    ItemNeighbourModel model = new ContentTfIdf(c).fit(m, new TrainContext(c, 1, 1, catalog, null));
    assertThat(model.neighbours(0)).extracting(n -> n.index()).containsExactly(2);
  }

  @Test
  void descriptionCanBeSwitchedOff() {
    InteractionMatrix m = TestData.fromRows(new double[][] {{1, 0}});
    List<Item> catalog = List.of(
        new Item("i1", "alpha", "shared words here", null, null, null, 1, true, null, 0),
        new Item("i2", "beta", "shared words here", null, null, null, 1, true, null, 0));
    Config on = TestData.config("content.description", "true");
    Config off = TestData.config("content.description", "false");
    assertThat(new ContentTfIdf(on).fit(m, new TrainContext(on, 1, 1, catalog, null)).neighbours(0)).hasSize(1);
    assertThat(new ContentTfIdf(off).fit(m, new TrainContext(off, 1, 1, catalog, null)).neighbours(0)).isEmpty();
  }
}
