package io.shopsense.engine.snapshot;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import io.shopsense.recommend.mf.FactorModel;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything serving needs from training: the interaction matrix (users x every catalog item known
 * at training), the fitted models by name, the {@link ItemStats}, the search re-ranker
 * ({@link SearchModel}) and the manifest. Immutable and shared by all request threads; the engine
 * swaps a whole new one in atomically.
 */
public final class ModelSnapshot {
  /** Names of the models scenarios look for. */
  public static final String ALS = "als";
  public static final String ITEMKNN = "itemknn";
  public static final String CONTENT = "content";

  private final Manifest manifest;
  private final InteractionMatrix matrix;
  private final Map<String, TrainedModel> models;
  private final ItemStats stats;
  private final SearchModel search;

  /** @param search the search re-ranker, or null (no training yet, or a snapshot written before it existed) */
  public ModelSnapshot(Manifest manifest, InteractionMatrix matrix, Map<String, TrainedModel> models, ItemStats stats,
      SearchModel search) {
    if (stats.numItems() != matrix.cols()) {
      throw new IllegalArgumentException("statistics cover " + stats.numItems() + " items, the matrix " + matrix.cols());
    }
    this.manifest = manifest;
    this.matrix = matrix;
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    this.stats = stats;
    this.search = search;
  }

  /**
   * Computes what serving would otherwise compute lazily on some request (the ALS fold-in Gram
   * matrix: seconds while the JIT has not yet compiled the SIMD kernels), before the snapshot serves.
   */
  public ModelSnapshot prepare() {
    FactorModel als = als();
    if (als != null) als.prepareFoldIn();
    return this;
  }

  /** Version 0: no training yet. Every catalog item is a column with no interactions and no model. */
  public static ModelSnapshot empty(Collection<String> itemIds, long now) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex(Math.max(4, itemIds.size()));
    for (String id : itemIds) items.add(id);
    InteractionMatrix m = new InteractionMatrix(users, items, new int[1], new int[0], new float[0]);
    Manifest man = new Manifest(0, 0, now, List.of(), Map.of(), Map.of(), 0, 0, items.size(), Map.of(), null, null);
    return new ModelSnapshot(man, m, Map.of(), ItemStats.empty(items.size()), null);
  }

  public Manifest manifest() {
    return manifest;
  }

  public long version() {
    return manifest.version();
  }

  public InteractionMatrix matrix() {
    return matrix;
  }

  public ItemStats stats() {
    return stats;
  }

  /** The search re-ranker trained with this snapshot, or null. */
  public SearchModel search() {
    return search;
  }

  public Map<String, TrainedModel> models() {
    return models;
  }

  /** The model of that name, or null. */
  public TrainedModel model(String name) {
    return models.get(name);
  }

  /** The implicit-ALS model when fitted (it can fold in new shoppers), else null. */
  public FactorModel als() {
    return models.get(ALS) instanceof FactorModel f && f.canFoldIn() ? f : null;
  }

  /** The item-kNN model, or null. */
  public ItemNeighbourModel itemKnn() {
    return models.get(ITEMKNN) instanceof ItemNeighbourModel m ? m : null;
  }

  /** The content (TF-IDF) neighbour model, or null. */
  public ItemNeighbourModel content() {
    return models.get(CONTENT) instanceof ItemNeighbourModel m ? m : null;
  }

  public int numItems() {
    return matrix.cols();
  }

  /** The shopper's row, or -1 when the snapshot has no interactions of theirs. */
  public int userRow(String user) {
    int r = user == null ? -1 : matrix.rowIds().get(user);
    return r >= 0 && matrix.rowLength(r) > 0 ? r : -1;
  }

  /** The item's column, or -1. */
  public int itemIndex(String item) {
    return matrix.colIds().get(item);
  }

  public String itemId(int index) {
    return matrix.colIds().id(index);
  }

  /** The listing entry of this snapshot with the given status. */
  public SnapshotInfo info(String status) {
    return new SnapshotInfo(manifest.version(), manifest.created(), manifest.algorithms(), manifest.metrics(), status,
        manifest.events(), manifest.users(), manifest.items(), manifest.searchRanker(), manifest.searchReport());
  }

  /** The item indexes of a user's row (their training items). */
  public int[] rowItems(int row) {
    if (row < 0) return new int[0];
    return java.util.Arrays.copyOfRange(matrix.colIndex(), matrix.rowStart(row), matrix.rowEnd(row));
  }
}
