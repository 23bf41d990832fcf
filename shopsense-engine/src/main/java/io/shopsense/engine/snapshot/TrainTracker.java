package io.shopsense.engine.snapshot;

import io.shopsense.engine.api.TrainProgress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Keeps the {@link TrainProgress} of an engine's training runs: the training thread reports stages
 * and steps ({@link ProgressSink}); any thread reads {@link #current()}, a volatile reference to an
 * immutable value, without locking. Runs are serialised by {@link ModelManager}; the writing methods
 * are synchronized only so that each run sees what the previous one (maybe on another thread) left.
 *
 * <p>The overall fraction weighs each stage by the seconds it took in this engine's previous finished
 * run (equal weights for the first run): reading the events of a big store or fitting ALS is most of a
 * run, saving a snapshot little, and the same store trains much the same way twice.
 */
public final class TrainTracker implements ProgressSink {
  /** The published value with the {@link System#nanoTime()} its run started at (for the elapsed time). */
  private record Published(TrainProgress value, long t0) {}

  private volatile Published published = new Published(TrainProgress.NONE, 0);
  private final List<Consumer<TrainProgress>> listeners = new CopyOnWriteArrayList<>();

  // the running run, written by the training thread only
  private List<String> plan = List.of();
  private double[] start = new double[0]; // each stage's start as a fraction of the run
  private double[] weight = new double[0]; // each stage's share of the run
  private double[] took = new double[0]; // seconds per stage of this run, NaN when not entered
  private int index = -1;
  private double inside;
  private String detail;
  private long t0;
  private long stageT0;
  private long startedMs;
  private final Map<String, Double> lastTook = new HashMap<>();
  private String lastOutcome;

  /** The progress now; a running value's seconds are brought up to date. */
  public TrainProgress current() {
    Published p = published;
    return p.value().running() ? p.value().withSeconds(seconds(p.t0(), System.nanoTime())) : p.value();
  }

  /** Calls the listener with every new value, on the training thread (tests, logs); keep it quick. */
  public void listen(Consumer<TrainProgress> listener) {
    listeners.add(listener);
  }

  /** A run starts with these stages; its first stage is entered. */
  public synchronized void begin(List<String> stages) {
    if (stages.isEmpty()) throw new IllegalArgumentException("a training run needs at least one stage");
    plan = List.copyOf(stages);
    int n = plan.size();
    weight = new double[n];
    double known = 0;
    int count = 0;
    for (String s : plan) {
      Double w = lastTook.get(s);
      if (w != null) {
        known += w;
        count++;
      }
    }
    double fallback = count == 0 ? 1 : known / count; // a stage new to this run weighs the mean of the others
    double total = 0;
    for (int i = 0; i < n; i++) {
      Double w = lastTook.get(plan.get(i));
      weight[i] = Math.max(w == null ? fallback : w, 1e-3); // no stage weighs nothing
      total += weight[i];
    }
    start = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      weight[i] /= total;
      start[i] = acc;
      acc += weight[i];
    }
    took = new double[n];
    Arrays.fill(took, Double.NaN);
    t0 = System.nanoTime();
    stageT0 = t0;
    startedMs = System.currentTimeMillis();
    index = 0;
    inside = 0;
    detail = null;
    publish(true, plan.get(0), 1, fraction(), null);
  }

  @Override
  public synchronized void stage(String name) {
    if (index < 0) throw new IllegalStateException("stage '" + name + "' reported outside a training run");
    if (plan.get(index).equals(name)) return;
    int next = plan.subList(index + 1, plan.size()).indexOf(name);
    if (next < 0) {
      throw new IllegalStateException("training stage '" + name + "' does not follow '" + plan.get(index) + "' in the plan " + plan);
    }
    long now = System.nanoTime();
    took[index] = seconds(stageT0, now);
    stageT0 = now;
    index += next + 1;
    inside = 0;
    detail = null;
    publish(true, name, index + 1, fraction(), null);
  }

  @Override
  public synchronized void within(int done, int total, String detail) {
    if (index < 0 || total <= 0) return;
    inside = Math.max(inside, Math.min(1, (double) done / total)); // never backwards
    this.detail = detail;
    publish(true, plan.get(index), index + 1, fraction(), detail);
  }

  /** The run ended (published or refused by the gate): fraction 1, and its stage times weigh the next run. */
  public synchronized void finish(String outcome) {
    if (index < 0) return;
    took[index] = seconds(stageT0, System.nanoTime());
    lastTook.clear();
    for (int i = 0; i < plan.size(); i++) if (!Double.isNaN(took[i])) lastTook.put(plan.get(i), took[i]);
    lastOutcome = outcome;
    int stages = plan.size();
    index = -1;
    publish(false, TrainProgress.DONE, stages, 1, null);
  }

  /** The run threw: the value keeps how far it got and names the stage. */
  public synchronized void fail(String message) {
    if (index < 0) return;
    lastOutcome = "failed in " + plan.get(index) + ": " + message;
    int at = index + 1;
    double f = fraction();
    index = -1;
    publish(false, TrainProgress.FAILED, at, f, null);
  }

  private double fraction() {
    double f = start[index] + weight[index] * inside;
    return Math.min(1, Math.round(f * 1e4) / 1e4); // rounding is monotone: the fraction still never decreases
  }

  private void publish(boolean running, String stage, int stageIndex, double fraction, String inStage) {
    long now = System.nanoTime();
    TrainProgress v = new TrainProgress(running, stage, stageIndex, plan.size(), fraction, inStage, seconds(t0, now),
        startedMs, lastOutcome);
    published = new Published(v, t0);
    for (Consumer<TrainProgress> l : listeners) l.accept(v);
  }

  private static double seconds(long from, long to) {
    return Math.round((to - from) / 1e6) / 1e3;
  }
}
