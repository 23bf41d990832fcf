package io.shopsense.engine.api;

/**
 * Where training is: the running run's stage and overall fraction, or, between runs, how the last
 * one ended. Immutable; the engine publishes a new value at every stage boundary and after every
 * ALS/BPR iteration, so any thread may read it while a training runs ({@code ShopSense.trainProgress()},
 * {@code GET /v1/train/progress}).
 *
 * @param running true while a training run is in progress
 * @param stage the running stage ({@code reading events}, {@code building matrix}, {@code item statistics},
 *     an algorithm's name such as {@code als}, {@code search ranker}, {@code saving snapshot}); between
 *     runs {@code idle} (none ran since open), {@code done} or {@code failed}
 * @param stageIndex 1-based index of the stage in this run's plan; 0 before the first run
 * @param stages how many stages the run has (or had)
 * @param fraction 0..1 of the whole run, never decreasing within a run; 1 once it is done. Each stage
 *     weighs what it took in the previous run of this engine (equal weights for the first run), and
 *     ALS/BPR stages advance per iteration or epoch
 * @param detail progress inside the stage ({@code iteration 3/6}), or null
 * @param seconds wall time of the running run so far, or of the last run
 * @param started when the running (or last) run started, epoch ms; 0 before the first run
 * @param lastOutcome how the last finished run ended ({@code published: ...}, {@code not published: ...},
 *     {@code failed: ...}), or null when none finished since open
 */
public record TrainProgress(boolean running, String stage, int stageIndex, int stages, double fraction, String detail,
    double seconds, long started, String lastOutcome) {

  /** Stage name between runs when no run happened since open. */
  public static final String IDLE = "idle";
  /** Stage name after a run finished (published or refused by the gate). */
  public static final String DONE = "done";
  /** Stage name after a run threw. */
  public static final String FAILED = "failed";

  /** Before the first run. */
  public static final TrainProgress NONE = new TrainProgress(false, IDLE, 0, 0, 0, null, 0, 0, null);

  /** The same value with another elapsed time (a running value read later than it was made). */
  public TrainProgress withSeconds(double s) {
    return new TrainProgress(running, stage, stageIndex, stages, fraction, detail, s, started, lastOutcome);
  }
}
