package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.store.EventStore;
import io.shopsense.engine.api.SnapshotInfo;
import io.shopsense.engine.api.TrainReport;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.recommend.TrainedModel;
import io.shopsense.recommend.mf.FactorModel;
import io.shopsense.search.rank.Retriever;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the serving snapshot: loads the newest valid one at open (a snapshot whose checksums fail is
 * refused, logged with the reason, and the previous one is used), trains and publishes new ones
 * behind the evaluation gate, and swaps them in with one {@link AtomicReference} write, so requests
 * in flight finish on the snapshot they started with and no request waits. Training runs one at a
 * time.
 *
 * <p><b>Gate</b>: a candidate's score is the best {@code engine.gate_metric} (default {@code ndcg@10})
 * over its algorithms; it is not published when that is below the serving snapshot's score times
 * {@code 1 - engine.gate_margin} (a relative margin). A candidate without holdout figures (too few
 * shoppers to hold out) passes.
 */
public final class ModelManager {
  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);
  private static final String TOMBSTONE = "\u0000erased-";
  /** Progress stage: the gate, writing and swapping in the snapshot. */
  public static final String SAVING = "saving snapshot";

  private final SnapshotRepository repo;
  private final Config config;
  private final AtomicReference<ModelSnapshot> current = new AtomicReference<>();
  private final Map<Long, String> refused = new ConcurrentHashMap<>();
  private final Object trainLock = new Object();
  private final TrainTracker progress = new TrainTracker();

  public ModelManager(Path modelsDir, Config config) {
    this.repo = new SnapshotRepository(modelsDir);
    this.config = config;
  }

  /** Loads the newest snapshot that verifies; falls back to {@code empty} when none does. */
  public ModelSnapshot loadNewest(ModelSnapshot empty) {
    for (long v : repo.versions()) {
      try {
        ModelSnapshot s = repo.read(v, config).prepare();
        current.set(s);
        LOG.info("serving model snapshot {} ({} algorithms, trained on {} events)", v, s.manifest().algorithms().size(),
            s.manifest().events());
        return s;
      } catch (IOException | RuntimeException e) {
        refused.put(v, e.getMessage());
        LOG.error("model snapshot {} refused: {}; trying the previous one", repo.dir(v), e.getMessage());
      }
    }
    current.set(empty);
    return empty;
  }

  /**
   * Swaps in a newer snapshot when one was published into the model directory by someone else (a
   * replica sharing the directory, or the Spark trainer). A version that does not verify is refused
   * once and skipped afterwards. Never replaces a snapshot that changed meanwhile (a local training).
   *
   * @return the snapshot now serving when it changed, else null
   */
  public ModelSnapshot refresh() {
    ModelSnapshot serving = current.get();
    for (long v : repo.versions()) {
      if (v <= serving.version()) return null;
      if (refused.containsKey(v)) continue;
      try {
        ModelSnapshot s = repo.read(v, config);
        if (!current.compareAndSet(serving, s)) return null;
        LOG.info("serving model snapshot {} published by another process ({} algorithms)", v, s.manifest().algorithms().size());
        return s;
      } catch (IOException | RuntimeException e) {
        refused.put(v, e.getMessage());
        LOG.error("model snapshot {} refused: {}", repo.dir(v), e.getMessage());
      }
    }
    return null;
  }

  public ModelSnapshot current() {
    return current.get();
  }

  /** The progress of the running (or last) training run. */
  public TrainTracker progress() {
    return progress;
  }

  /** Replaces the version-0 placeholder (e.g. after catalog changes); a trained snapshot is never replaced here. */
  public void replaceEmpty(ModelSnapshot empty) {
    current.updateAndGet(s -> s.version() == 0 ? empty : s);
  }

  /** Why a version was refused at load, or null. */
  public String refusal(long version) {
    return refused.get(version);
  }

  /**
   * Trains, evaluates, gates and (when it passes or {@code force}) publishes and swaps in a new
   * snapshot, then prunes old ones to {@code engine.keep_snapshots}. Reports its stages to
   * {@link #progress()}: the {@link Trainer#stages}, then {@value #SAVING}.
   *
   * @param retriever the search index's candidate retrieval, for the search re-ranker; null trains none
   */
  public TrainReport train(EventStore store, CatalogView catalog, List<String> algorithms,
      Function<String, String> resolve, Retriever retriever, boolean force) {
    synchronized (trainLock) {
      List<String> stages = new ArrayList<>(Trainer.stages(algorithms, retriever != null));
      stages.add(SAVING);
      progress.begin(stages);
      try {
        TrainReport r = trainAndPublish(store, catalog, algorithms, resolve, retriever, force);
        progress.finish(r.reason());
        return r;
      } catch (RuntimeException | Error e) {
        progress.fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        throw e;
      }
    }
  }

  private TrainReport trainAndPublish(EventStore store, CatalogView catalog, List<String> algorithms,
      Function<String, String> resolve, Retriever retriever, boolean force) {
    long t0 = System.nanoTime();
    long version = repo.nextVersion();
    ModelSnapshot cand = new Trainer(config).train(store, catalog, algorithms, version, resolve, retriever, progress);
    progress.stage(SAVING);
    ModelSnapshot serving = current.get();
    String gate = gate(cand, serving);
    boolean publish = gate == null || force;
    String reason;
    if (publish) {
      try {
        Manifest m = repo.publish(cand);
        cand = new ModelSnapshot(m, cand.matrix(), cand.models(), cand.stats(), cand.search());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot publish snapshot " + version + ": " + e.getMessage(), e);
      }
      current.set(cand.prepare());
      repo.prune(keep(), cand.version());
      double sc = score(cand);
      reason = gate == null ? (Double.isNaN(sc) ? "published (no holdout figures to gate on)"
          : String.format(java.util.Locale.ROOT, "published: best %s %.4f passes the gate", metric(), sc))
          : "published despite the gate (forced): " + gate;
    } else {
      reason = "not published: " + gate;
      LOG.warn("model snapshot {} {}", version, reason);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new TrainReport(cand.info(publish ? "current" : "refused: " + gate), publish, reason, seconds);
  }

  /** Null when the candidate may be published, else why not. */
  String gate(ModelSnapshot cand, ModelSnapshot serving) {
    if (serving == null || serving.version() == 0) return null;
    double old = score(serving);
    double now = score(cand);
    if (Double.isNaN(old) || Double.isNaN(now)) return null;
    double margin = config.getDouble("engine.gate_margin");
    if (!(margin >= 0 && margin <= 1)) throw new IllegalArgumentException("engine.gate_margin must be in [0, 1], got " + margin);
    if (now < old * (1 - margin)) {
      return String.format(java.util.Locale.ROOT, "%s %.4f is worse than the serving snapshot %d's %.4f by more than %.0f%%",
          metric(), now, serving.version(), old, margin * 100);
    }
    return null;
  }

  private String metric() {
    return config.get("engine.gate_metric");
  }

  /** The best gate metric over the snapshot's algorithms, NaN when none has it. */
  double score(ModelSnapshot s) {
    double best = Double.NaN;
    for (var e : s.manifest().metrics().entrySet()) {
      if (e.getKey().equals(SearchTraining.METRICS)) continue; // search figures, not a recommender's
      Double v = e.getValue().get(metric());
      if (v != null && !v.isNaN() && (Double.isNaN(best) || v > best)) best = v;
    }
    return best;
  }

  private int keep() {
    int k = config.getInt("engine.keep_snapshots");
    if (k < 1) throw new IllegalArgumentException("engine.keep_snapshots must be at least 1, got " + k);
    return k;
  }

  /** Every snapshot on disk, newest first, with its status. */
  public List<SnapshotInfo> list() {
    ModelSnapshot cur = current.get();
    List<SnapshotInfo> out = new ArrayList<>();
    for (long v : repo.versions()) {
      String why = refused.get(v);
      String status = why != null ? "refused: " + why : cur != null && cur.version() == v ? "current" : "published";
      out.add(repo.info(v, status));
    }
    return out;
  }

  /**
   * Removes shoppers from every snapshot on disk and from the serving one: their ids in the user index
   * become tombstones, their matrix rows are zeroed and their factor rows too; the files are rewritten
   * with fresh checksums and the serving snapshot is reloaded from them. Waits for a running training
   * to finish first (so what it publishes is patched too). Returns how many snapshots held them.
   */
  public int eraseUsers(Collection<String> ids) {
    synchronized (trainLock) {
      int patched = 0;
      ModelSnapshot cur = current.get();
      for (long v : repo.versions()) {
        if (refused.containsKey(v)) continue;
        try {
          ModelSnapshot s = repo.read(v, config);
          ModelSnapshot p = withoutUsers(s, ids);
          if (p == s) continue;
          rewrite(p, repo.dir(v));
          patched++;
          if (cur != null && cur.version() == v) current.set(repo.read(v, config).prepare());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot erase shoppers from snapshot " + v + ": " + e.getMessage(), e);
        }
      }
      return patched;
    }
  }

  /** The snapshot without these users, or the same object when it has none of them. */
  static ModelSnapshot withoutUsers(ModelSnapshot s, Collection<String> ids) {
    InteractionMatrix m = s.matrix();
    List<Integer> rows = new ArrayList<>();
    for (String id : ids) {
      int r = m.rowIds().get(id);
      if (r >= 0) rows.add(r);
    }
    if (rows.isEmpty()) return s;
    Set<Integer> gone = Set.copyOf(rows);
    IdIndex users = new IdIndex(Math.max(4, m.rows()));
    for (int r = 0; r < m.rows(); r++) users.add(gone.contains(r) ? TOMBSTONE + r : m.rowIds().id(r));
    float[] vals = m.values(); // freshly read from disk: ours to change
    for (int r : rows) java.util.Arrays.fill(vals, m.rowStart(r), m.rowEnd(r), 0f);
    InteractionMatrix pm = new InteractionMatrix(users, m.colIds(), m.rowPointers(), m.colIndex(), vals);
    Map<String, TrainedModel> models = new LinkedHashMap<>(s.models());
    for (TrainedModel t : models.values()) {
      if (t instanceof FactorModel f) for (int r : rows) if (r < f.numUsers()) f.eraseUser(r);
    }
    return new ModelSnapshot(s.manifest(), pm, models, s.stats(), s.search());
  }

  /** Writes the snapshot's files next to the old ones and moves each over its old self, the manifest last. */
  private static void rewrite(ModelSnapshot s, Path dir) throws IOException {
    Path tmp = dir.resolveSibling(".tmp-patch-" + dir.getFileName() + "-" + System.nanoTime());
    try {
      SnapshotFiles.write(s, tmp);
      try (var files = Files.list(tmp)) {
        for (Path f : files.filter(f -> !f.getFileName().toString().equals(Manifest.FILE)).toList()) {
          Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(tmp.resolve(Manifest.FILE), dir.resolve(Manifest.FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      SnapshotRepository.deleteTree(tmp);
    }
  }
}
