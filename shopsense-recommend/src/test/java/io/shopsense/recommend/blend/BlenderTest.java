package io.shopsense.recommend.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import io.shopsense.recommend.Candidate;
import io.shopsense.recommend.ItemCategories;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.knn.ItemKnn;
import io.shopsense.recommend.popular.Popularity;
import io.shopsense.recommend.popular.PopularityModel;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlenderTest {
  /** A model with fixed scores, to make blending arithmetic visible. */
  record Fixed(String name, float[] s, boolean sets) implements TrainedModel {
    public int numItems() { return s.length; }
    public void scoreUser(int user, float[] out) { System.arraycopy(s, 0, out, 0, s.length); }
    public boolean canScoreItemSet() { return sets; }
    public void scoreItemSet(int[] items, float[] w, float[] out) { scoreUser(0, out); }
    public void write(DataOutputStream out) { throw new UnsupportedOperationException(); }
  }

  // users: u1 likes shoes (i1, i2), u2 likes kitchen (i4), u3 has no events
  static final InteractionMatrix M = TestData.fromRows(new double[][] {
      {1, 1, 0, 0, 0, 0},
      {0, 0, 0, 1, 0, 0},
      {0, 0, 0, 0, 0, 0}});
  static final List<Item> CATALOG = List.of(item("i1", "Shoes>Running"), item("i2", "Shoes>Trail"), item("i3", "Shoes>Running"),
      item("i4", "Kitchen"), item("i5", "Kitchen"), item("i6", "Garden"));

  static Item item(String id, String cat) {
    return new Item(id, id, null, cat, null, null, 1, true, null, 0);
  }

  @Test
  void blendsWithWeightsAndKeepsTheLargestContributorAsSource() {
    Config c = TestData.config("blend.normalization", "rank", "blend.candidates", "3");
    Blender b = Blender.builder(M).config(c)
        .add("a", new Fixed("a", new float[] {0, 3, 2, 1, 0, 0}, false), 2)  // ranks i2, i3, i4
        .add("b", new Fixed("b", new float[] {0, 0, 1, 5, 0, 0}, false), 1)  // ranks i4, i3
        .build();
    // rank normalisation with M=3 (a) and M=2 (b): a: i2 1, i3 2/3, i4 1/3; b: i4 1, i3 1/2
    // blended: i2 = 2*1 = 2, i3 = 2*2/3 + 1/2 = 1.833, i4 = 2/3 + 1 = 1.667
    List<Candidate> r = b.recommend(0, 3, null);
    assertThat(r).extracting(Candidate::item).containsExactly("i2", "i3", "i4");
    assertThat(r).extracting(Candidate::source).containsExactly("a", "a", "b");
    double tiers = 2; // blend + catalog
    assertThat(r.get(0).score()).isEqualTo((tiers - 1 + 2.0 / 3) / tiers, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void minMaxNormalisation() {
    Config c = TestData.config("blend.normalization", "minmax");
    Blender b = Blender.builder(M).config(c)
        .add("a", new Fixed("a", new float[] {0, 10, 9, 1, 0, 0}, false), 1)
        .add("b", new Fixed("b", new float[] {0, 1, 0, 2, 0, 0}, false), 1)
        .build();
    // a: i2 1, i3 8/9, i4 0; b: i4 1, i2 0 -> i2 1, i3 0.889, i4 1 -> tie i2/i4 broken by index
    assertThat(b.recommend(0, 3, null)).extracting(Candidate::item).containsExactly("i2", "i4", "i3");
  }

  @Test
  void fallsBackThroughCategoryThenGlobalThenCatalogAndNeverReturnsLessThanAsked() {
    Config c = TestData.config();
    TrainContext ctx = new TrainContext(c, 1, 1, CATALOG, null);
    PopularityModel pop = new Popularity(c).fit(M, ctx); // i1 1, i2 1, i4 1, others 0
    Blender b = Blender.builder(M).config(c).categories(ItemCategories.of(M.colIds(), CATALOG))
        .add("itemknn", new ItemKnn(c).fit(M, ctx), 1)
        .categoryFallback("trending", new Fixed("trending", new float[] {0, 0, 4, 0, 3, 0}, true))
        .fallback("popular", pop)
        .build();
    // u1 (shoes): itemknn gives i1<->i2 only (seen); category trending in Shoes>Running? u1's weight is split
    // Shoes>Running (i1) / Shoes>Trail (i2): tie -> alphabetical "Shoes>Running" -> i3; then popular i4; then catalog i5, i6
    List<Candidate> r = b.recommend(0, 10, i -> M.get(0, i) == 0);
    assertThat(r).extracting(Candidate::item).containsExactly("i3", "i4", "i5", "i6");
    assertThat(r).extracting(Candidate::source).containsExactly("trending", "popular", "catalog", "catalog");
    assertThat(r.get(0).reason()).isEqualTo("trending in Shoes>Running");
    assertThat(r).extracting(Candidate::score).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    // u3 has no events: no category, so straight to popular, then catalog
    assertThat(b.recommend(2, 10, null)).extracting(Candidate::item).containsExactly("i1", "i2", "i4", "i3", "i5", "i6");
    // similar items of an item with no co-occurrence data: its category's trending first (for i3:
    // Shoes>Running holds i1 (trending 0) and i3 itself, excluded), so popular i1, i2, i4 (tied, by index)
    assertThat(b.similar(2, 2, null)).extracting(Candidate::item).containsExactly("i1", "i2");
    assertThat(b.similar(2, 2, null)).extracting(Candidate::source).containsOnly("popular");
    // for i4 (Kitchen), trending in Kitchen offers i5
    assertThat(b.similar(3, 2, null)).extracting(Candidate::item).containsExactly("i5", "i1");
    assertThat(b.similar(3, 2, null).get(0).reason()).isEqualTo("trending in Kitchen");
  }

  @Test
  void sessionsUseItemSetScorers() {
    Config c = TestData.config();
    TrainContext ctx = new TrainContext(c, 1, 1, CATALOG, null);
    Blender b = Blender.builder(M).config(c)
        .add("itemknn", new ItemKnn(c).fit(M, ctx), 1)
        .add("user-only", new Fixed("user-only", new float[] {9, 9, 9, 9, 9, 9}, false), 5)
        .fallback("popular", new Popularity(c).fit(M, ctx))
        .build();
    List<Candidate> r = b.recommendForItems(new int[] {0}, null, 2, i -> i != 0);
    assertThat(r.get(0).item()).isEqualTo("i2");
    assertThat(r.get(0).source()).isEqualTo("itemknn");
    assertThat(r.get(1).source()).isEqualTo("popular");
  }

  @Test
  void clampsKAndRejectsBadArguments() {
    Config c = TestData.config();
    Blender b = Blender.builder(M).config(c).fallback("popular", new Popularity(c).fit(M, new TrainContext(c, 1, 1, List.of(), null))).build();
    assertThat(b.recommend(0, 1000, null)).hasSize(6);
    assertThat(b.recommend(0, 1000, i -> i < 2)).hasSize(2);
    assertThat(b.recommend(0, 5, i -> false)).as("nothing passes the filter").isEmpty();
    assertThatThrownBy(() -> b.recommend(0, 0, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be at least 1");
    assertThatThrownBy(() -> Blender.builder(M).add("x", new Fixed("x", new float[6], false), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight of source 'x'");
    assertThatThrownBy(() -> Blender.builder(M).fallback("x", new Fixed("x", new float[5], false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 items");
  }
}
