package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * The known-answer test every personalised algorithm must pass: users fall into {@link #GROUPS}
 * groups and each group interacts only with its own block of {@link #ITEMS_PER_BLOCK} items, every
 * user minus one held-out item of its block. The held-out item is then the only unseen item with
 * any evidence, so it must be each user's top-1 among unseen items. Weights vary (1..5, a user part plus
 * an item part) so that Pearson correlations are positive within a block; the catalog gives each block its own
 * words and category for content-based models. Use {@link #assertHeldOutTop1} from a test
 * (see {@code CheckerboardTest}).
 */
public final class Checkerboard {
  public static final int GROUPS = 4;
  public static final int USERS_PER_GROUP = 12;
  public static final int ITEMS_PER_BLOCK = 8;
  private static final String[] WORDS = {"trail running shoe", "espresso coffee grinder", "wireless noise headphone",
      "yoga exercise mat"};

  /** The training matrix (held-out items removed). */
  public final InteractionMatrix train;
  /** Each user's held-out item index. */
  public final int[] heldOut;
  /** A catalog: block g's items share the words and category of group g. */
  public final List<Item> catalog;

  private Checkerboard(InteractionMatrix train, int[] heldOut, List<Item> catalog) {
    this.train = train;
    this.heldOut = heldOut;
    this.catalog = catalog;
  }

  public static Checkerboard build() {
    int users = GROUPS * USERS_PER_GROUP, items = GROUPS * ITEMS_PER_BLOCK;
    double[][] rows = new double[users][items];
    int[] held = new int[users];
    for (int u = 0; u < users; u++) {
      int g = u / USERS_PER_GROUP, m = u % USERS_PER_GROUP;
      held[u] = g * ITEMS_PER_BLOCK + m % ITEMS_PER_BLOCK;
      for (int b = 0; b < ITEMS_PER_BLOCK; b++) {
        int i = g * ITEMS_PER_BLOCK + b;
        if (i != held[u]) rows[u][i] = 1 + u % 3 + i % 3; // additive: items and users both correlate positively within a block
      }
    }
    List<Item> catalog = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      int g = i / ITEMS_PER_BLOCK;
      catalog.add(new Item("i" + (i + 1), WORDS[g] + " x" + i, null, "Group" + g, null, null, 10, true, null, 0));
    }
    return new Checkerboard(TestData.fromRows(rows), held, catalog);
  }

  /** A training context with this catalog. */
  public TrainContext context(io.shopsense.core.config.Config config, int threads) {
    return new TrainContext(config, 42L, threads, catalog, null);
  }

  /** Fits the recommender and asserts each user's held-out item is its top-1 among unseen items. */
  public void assertHeldOutTop1(Recommender r, TrainContext ctx) {
    assertHeldOutTop1(r.fit(train, ctx));
  }

  /** Asserts each user's held-out item is the model's top-1 among the user's unseen items. */
  public void assertHeldOutTop1(TrainedModel m) {
    for (int u = 0; u < train.rows(); u++) {
      int user = u;
      List<ScoredItem> top = m.recommend(u, 1, i -> train.get(user, i) == 0);
      assertThat(top).as("%s: user %d's top-1", m.name(), u).hasSize(1);
      assertThat(top.get(0).item()).as("%s: user %d's top-1 (score %s)", m.name(), u, top.get(0).score()).isEqualTo(heldOut[u]);
    }
  }
}
