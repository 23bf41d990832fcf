package io.shopsense.recommend.popular;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ItemCategories;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.TopK;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One non-personal score per item (a popularity count, a trend weight) plus the items' categories,
 * so it answers both "top items" and "top items within a category path". The same score for every
 * user and every item set. Scoring is O(items).
 */
public final class PopularityModel implements TrainedModel {
  private static final int VERSION = 1;
  private final String name;
  private final float[] scores;
  private final ItemCategories categories;

  PopularityModel(String name, float[] scores, ItemCategories categories) {
    this.name = name;
    this.scores = scores;
    this.categories = categories;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int numItems() {
    return scores.length;
  }

  /** The item's score. */
  public float score(int item) {
    return scores[item];
  }

  /** The categories the model was fitted with (all unknown without a catalog). */
  public ItemCategories categories() {
    return categories;
  }

  @Override
  public void scoreUser(int user, float[] out) {
    System.arraycopy(scores, 0, out, 0, scores.length);
  }

  @Override
  public boolean canScoreItemSet() {
    return true;
  }

  @Override
  public void scoreItemSet(int[] items, float[] weights, float[] out) {
    System.arraycopy(scores, 0, out, 0, scores.length);
  }

  /**
   * The k best items whose category is the path or lies under it, best first, among items the
   * filter accepts (null accepts all). Empty when no item is in the category.
   */
  public List<ScoredItem> recommendInCategory(String categoryPath, int k, IntPredicate filter) {
    String path = ItemCategories.normalise(categoryPath);
    if (path == null) throw new IllegalArgumentException("category path is empty");
    return TopK.select(scores, k, i -> categories.within(i, path) && (filter == null || filter.test(i)));
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ModelFormat.writeHeader(out, name, VERSION, scores.length);
    ModelFormat.writeFloats(out, scores);
    categories.write(out);
  }

  static PopularityModel read(String name, DataInputStream in, InteractionMatrix data) throws IOException {
    ModelFormat.readHeader(in, name, VERSION, data);
    float[] s = ModelFormat.readFloats(in);
    ItemCategories c = ItemCategories.read(in);
    if (s.length != c.numItems() || (data != null && s.length != data.cols())) {
      throw new IOException("corrupt " + name + " model: " + s.length + " scores for " + c.numItems() + " items");
    }
    return new PopularityModel(name, s, c);
  }
}
