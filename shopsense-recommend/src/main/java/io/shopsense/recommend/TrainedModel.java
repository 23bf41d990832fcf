package io.shopsense.recommend;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A fitted model that scores every item for a user (a row of the training matrix) or for a set of
 * items (a session or a cart). Higher is better; scores are comparable within one call only.
 * Thread-safe for concurrent scoring.
 */
public interface TrainedModel {
  /** The algorithm name, as {@link Recommender#name()}. */
  String name();

  /** Number of items (columns) scored. */
  int numItems();

  /** Writes every item's score for the user index into {@code out} (length {@link #numItems()}). */
  void scoreUser(int user, float[] out);

  /** True when {@link #scoreItemSet} is supported. */
  default boolean canScoreItemSet() {
    return false;
  }

  /**
   * Scores every item given a set of item indices with weights (a session, a cart, one item for
   * "similar items").
   */
  default void scoreItemSet(int[] items, float[] weights, float[] out) {
    throw new UnsupportedOperationException(name() + " cannot score from a set of items");
  }

  /** The check every {@link #scoreItemSet} makes: weights, when given, pair one to one with the items. */
  static void checkItemSet(int[] items, float[] weights) {
    if (weights != null && weights.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + weights.length + " weights");
    }
  }

  /** Serializes the model so that {@link Recommender#read} restores identical scores. */
  void write(DataOutputStream out) throws IOException;

  /**
   * The top-k items for a user, best first, among items the filter accepts (null accepts all).
   * A k larger than the catalog is clamped: every accepted item comes back. k of 0 or less gives
   * an empty list.
   */
  default List<ScoredItem> recommend(int user, int k, IntPredicate filter) {
    float[] s = new float[numItems()];
    scoreUser(user, s);
    return TopK.select(s, k, filter);
  }
}
