package io.shopsense.recommend.mf;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TrainedModel;

/**
 * The star-rating form of the checkerboard (the implicit form every algorithm passes is the shared
 * {@link io.shopsense.recommend.Checkerboard}): users fall in groups, group g rates block g of the
 * items 5 and every other block 1. Each user has one item of its own block and one of the next
 * block held out; a working rating model predicts about 5 and 1 for them and ranks the first
 * top among the user's unseen items.
 */
final class RatingCheckerboard {
  final int groups;
  final int usersPerGroup;
  final int itemsPerBlock;
  final InteractionMatrix train;
  /** Per user, the own-block item left out of training. */
  final int[] heldOut;
  /** Per user, an other-block item left out (it must rank below). */
  final int[] heldOutDisliked;

  RatingCheckerboard(int groups, int usersPerGroup, int itemsPerBlock) {
    this.groups = groups;
    this.usersPerGroup = usersPerGroup;
    this.itemsPerBlock = itemsPerBlock;
    int nu = groups * usersPerGroup;
    int ni = groups * itemsPerBlock;
    heldOut = new int[nu];
    heldOutDisliked = new int[nu];
    int cap = nu * ni;
    int[] r = new int[cap];
    int[] c = new int[cap];
    float[] v = new float[cap];
    int n = 0;
    for (int u = 0; u < nu; u++) {
      int g = u / usersPerGroup;
      // rotate the held-out item through the block so every item is still seen by someone
      heldOut[u] = g * itemsPerBlock + u % itemsPerBlock;
      heldOutDisliked[u] = ((g + 1) % groups) * itemsPerBlock + u % itemsPerBlock;
      for (int i = 0; i < ni; i++) {
        boolean own = i / itemsPerBlock == g;
        if (i == heldOut[u] || i == heldOutDisliked[u]) continue;
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
