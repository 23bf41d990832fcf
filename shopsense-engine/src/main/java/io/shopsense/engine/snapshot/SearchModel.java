package io.shopsense.engine.snapshot;

import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import io.shopsense.search.rank.CollaborativeScores;
import io.shopsense.search.rank.ItemStats;
import io.shopsense.search.rank.LinearRanker;
import io.shopsense.search.rank.PersonalizedRanker;
import io.shopsense.search.rank.Promotions;
import io.shopsense.search.rank.QueryIntent;
import io.shopsense.search.rank.RankSettings;
import io.shopsense.search.rank.Ranker;
import io.shopsense.search.rank.Rankers;
import io.shopsense.search.rank.RankingFeatures;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The search re-ranker of a snapshot: the ranker ({@code lambdamart} or {@code linear}, chosen by
 * {@link SearchTraining}) and the behaviour statistics it serves with (per-item and per-query rates,
 * query intent; {@link ItemStats} and {@link QueryIntent} of {@code io.shopsense.search.rank}).
 * When it was trained with the collaborative feature, serving reads that feature from the same
 * snapshot's item-kNN model. Immutable once built (the statistics are only read).
 *
 * <p>Files of a snapshot directory: {@value #RANKER_FILE} (the ranker's text form, see
 * {@link Ranker#save()}) and {@value #STATS_FILE} (a flag for the collaborative feature, then the
 * statistics), both checksummed in the manifest like the model files.
 *
 * @param collaborative true when the ranker was trained with the item-kNN collaborative feature
 */
public record SearchModel(Ranker ranker, ItemStats stats, QueryIntent intent, boolean collaborative) {
  static final String RANKER_FILE = "search-ranker.txt";
  static final String STATS_FILE = "search-stats.bin";

  /** The hand-set linear ranker with empty statistics: before the first training. */
  public static SearchModel handSet(RankSettings s) {
    return new SearchModel(LinearRanker.handSet(), new ItemStats(s.itemPrior(), s.queryPrior()),
        new QueryIntent(id -> null, s.intentPrior()), false);
  }

  /** {@code lambdamart} or {@code linear}. */
  public String kind() {
    return ranker.kind();
  }

  /**
   * The serving re-ranker over one catalog view: price bands and running promotions come from the
   * catalog, the collaborative feature from the snapshot's item-kNN model. O(promotions); the
   * caller keeps it while the snapshot and the catalog view stay the same.
   */
  public PersonalizedRanker serving(ModelSnapshot snap, CatalogView catalog, RankSettings s) {
    CollaborativeScores collab = null;
    ItemNeighbourModel knn = snap.itemKnn();
    if (collaborative && knn != null && knn.canScoreItemSet()) {
      collab = new CollaborativeScores(knn, snap.matrix().colIds(), s.collaborativeRecent());
    }
    RankingFeatures f = new RankingFeatures(stats, intent, catalog.priceBands(),
        new Promotions(new ArrayList<>(catalog.promotions())), collab, catalog::item);
    return new PersonalizedRanker(f, ranker, s);
  }

  void writeRanker(DataOutputStream out) throws IOException {
    out.write(ranker.save().getBytes(StandardCharsets.UTF_8));
  }

  void writeStats(DataOutputStream out) throws IOException {
    out.writeBoolean(collaborative);
    stats.write(out);
    intent.write(out);
  }

  /** Reads {@value #RANKER_FILE} (already checksum-verified). */
  static Ranker readRanker(DataInputStream in) throws IOException {
    try {
      return Rankers.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Reads {@value #STATS_FILE} (already checksum-verified) and joins it with the ranker. */
  static SearchModel readStats(Ranker ranker, DataInputStream in) throws IOException {
    boolean collab = in.readBoolean();
    ItemStats st = ItemStats.read(in);
    QueryIntent qi = QueryIntent.read(in, id -> null); // serving never feeds it
    return new SearchModel(ranker, st, qi, collab);
  }
}
