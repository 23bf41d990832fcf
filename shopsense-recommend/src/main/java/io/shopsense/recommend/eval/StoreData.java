package io.shopsense.recommend.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.matrix.TypeWeights;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's events and catalog, ready to split. Splitting works on (user, item) pairs that carry a
 * positive type weight ({@code weight.<type>}); the training matrix is then built from the training
 * pairs' events by {@link MatrixBuilder} exactly as {@code train} builds it (type weights, decay,
 * de-duplication, minimum counts), so the evaluation measures what production fits. Every catalog
 * item is a column, so never-seen items compete in full ranking.
 */
public final class StoreData {
  private static final Logger LOG = LoggerFactory.getLogger(StoreData.class);
  private final Store store;
  private final List<Item> catalog;
  private final InteractionLog log;

  private StoreData(Store store, List<Item> catalog, InteractionLog log) {
    this.store = store;
    this.catalog = catalog;
    this.log = log;
  }

  /** Reads the catalog and the events with an item and a positive type weight. */
  public static StoreData read(Store store, Config config) {
    List<Item> catalog = new ArrayList<>();
    store.forEachItem(catalog::add);
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex(catalog.size());
    for (Item it : catalog) items.add(it.id());
    TypeWeights w = MatrixOptions.from(config).weights();
    InteractionLog.Builder b = InteractionLog.builder(users, items);
    store.forEachEvent(e -> {
      if (e.item() == null) return;
      double wt = w.weight(e.type());
      if (wt > 0) b.add(e.user(), e.item(), (float) wt, e.time());
    });
    if (b.size() == 0) throw new IllegalArgumentException("the store " + store.url() + " has no weighted item events to evaluate on");
    LOG.info("store: {} weighted events, {} users, {} items ({} in the catalog)", b.size(), users.size(), items.size(),
        catalog.size());
    return new StoreData(store, catalog, b.build());
  }

  public List<Item> catalog() {
    return catalog;
  }

  /** The weighted events as a log (one row per event). */
  public InteractionLog log() {
    return log;
  }

  /**
   * Splits by protocol ({@code holdout}, {@code temporal}, {@code loo}, {@code ncf}) with the
   * {@code eval.*} settings, then rebuilds the training part's weights from the store's events.
   */
  public Split split(String protocol, Config config) {
    long seed = config.getLong("eval.seed");
    double f = config.getDouble("eval.test_fraction");
    Split s = switch (protocol.toLowerCase(Locale.ROOT)) {
      case "holdout" -> Protocols.holdout(log, f, seed);
      case "temporal" -> switch (config.get("eval.temporal")) {
        case "global" -> Protocols.temporalGlobal(log, f);
        case "user" -> Protocols.temporalPerUser(log, f);
        default -> throw new IllegalArgumentException("eval.temporal must be global or user, got '"
            + config.get("eval.temporal") + "'");
      };
      case "loo" -> Protocols.leaveOneOut(log);
      case "ncf" -> Protocols.withSampledNegatives(Protocols.leaveOneOut(log), config.getInt("eval.negatives"), seed);
      default -> throw new IllegalArgumentException("unknown protocol '" + protocol + "' (expected holdout, temporal, loo or ncf)");
    };
    return withProductionWeights(s, config);
  }

  /** K-fold splits of the store, each with production weights. */
  public List<Split> kFold(Config config) {
    List<Split> out = new ArrayList<>();
    for (Split s : Protocols.kFold(log, config.getInt("eval.folds"), config.getLong("eval.seed"))) {
      out.add(withProductionWeights(s, config));
    }
    return out;
  }

  /** Replaces the training pairs' values by the weights {@link MatrixBuilder} gives their events. */
  private Split withProductionWeights(Split s, Config config) {
    InteractionLog train = s.train();
    IdIndex users = train.users();
    IdIndex items = train.items();
    Set<Long> trainPairs = new HashSet<>(train.size() * 2);
    for (int r = 0; r < train.size(); r++) trainPairs.add(key(train.user(r), train.item(r)));
    MatrixBuilder mb = MatrixBuilder.from(config).filter(e -> isTrain(e, users, items, trainPairs));
    store.forEachEvent(mb);
    return new Split(s.name(), InteractionLog.fromMatrix(mb.build(), users, items), s.test());
  }

  private static boolean isTrain(Event e, IdIndex users, IdIndex items, Set<Long> trainPairs) {
    if (e.item() == null) return false;
    int u = users.get(e.user());
    int i = items.get(e.item());
    return u >= 0 && i >= 0 && trainPairs.contains(key(u, i));
  }

  private static long key(int u, int i) {
    return ((long) u << 32) | (i & 0xffffffffL);
  }
}
