package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TrainedModel;

/**
 * A synthetic matrix whose right answer is obvious: users fall in groups, group g likes block g of
 * the items. Each user has one item of its own block held out of training; a working recommender
 * ranks that item first among the items the user has not seen.
 */
final class Checkerboard {
  final int groups;
  final int usersPerGroup;
  final int itemsPerBlock;
  final InteractionMatrix train;
  /** Per user, the own-block item left out of training. */
  final int[] heldOut;
  /** Per user, in {@link #ratings} only: an other-block item left out (it must rank below). */
  final int[] heldOutDisliked;

  private Checkerboard(int groups, int usersPerGroup, int itemsPerBlock, boolean ratings) {
    this.groups = groups;
    this.usersPerGroup = usersPerGroup;
    this.itemsPerBlock = itemsPerBlock;
    int nu = groups * usersPerGroup;
    int ni = groups * itemsPerBlock;
    heldOut = new int[nu];
    heldOutDisliked = ratings ? new int[nu] : null;
    int cap = nu * ni;
    int[] r = new int[cap];
    int[] c = new int[cap];
    float[] v = new float[cap];
    int n = 0;
    for (int u = 0; u < nu; u++) {
      int g = u / usersPerGroup;
      // rotate the held-out item through the block so every item is still seen by someone
      heldOut[u] = g * itemsPerBlock + u % itemsPerBlock;
      if (ratings) heldOutDisliked[u] = ((g + 1) % groups) * itemsPerBlock + u % itemsPerBlock;
      for (int i = 0; i < ni; i++) {
        boolean own = i / itemsPerBlock == g;
        if (i == heldOut[u] || (ratings && i == heldOutDisliked[u])) continue;
        if (!own && !ratings) continue;
        r[n] = u;
        c[n] = i;
        v[n++] = own ? 5f : 1f;
      }
    }
    IdIndex users = new IdIndex();
    for (int u = 0; u < nu; u++) users.add("u" + u);
    IdIndex items = new IdIndex();
    for (int i = 0; i < ni; i++) items.add("i" + i);
    train = InteractionMatrix.fromTriples(users, items, r, c, v, n);
  }

  /** Implicit feedback: each user interacted (weight 5) with its own block only. */
  static Checkerboard implicit(int groups, int usersPerGroup, int itemsPerBlock) {
    return new Checkerboard(groups, usersPerGroup, itemsPerBlock, false);
  }

  /** Star ratings: 5 for the own block, 1 for every other block; two items per user held out. */
  static Checkerboard ratings(int groups, int usersPerGroup, int itemsPerBlock) {
    return new Checkerboard(groups, usersPerGroup, itemsPerBlock, true);
  }

  int users() {
    return train.rows();
  }

  /** The user's best-scored item among those not in its training row. */
  int topUnseen(TrainedModel model, int user) {
    return model.recommend(user, 1, i -> train.get(user, i) == 0f).get(0).item();
  }

  /** Users whose held-out item is not their top unseen item. */
  int misses(TrainedModel model) {
    int misses = 0;
    for (int u = 0; u < users(); u++) if (topUnseen(model, u) != heldOut[u]) misses++;
    return misses;
  }
}
