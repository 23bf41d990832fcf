package io.shopsense.engine.snapshot;

/**
 * Told where a training run is, by the thread that trains: {@link Trainer} and {@link ModelManager}
 * report into one sink passed down to them ({@link TrainTracker} in the engine).
 */
public interface ProgressSink {
  /** Reports nowhere. */
  ProgressSink NONE = new ProgressSink() {
    @Override
    public void stage(String name) {}

    @Override
    public void within(int done, int total, String detail) {}
  };

  /** A stage of the run's plan starts (stages start in plan order and may be skipped; the current one again is a no-op). */
  void stage(String name);

  /**
   * Progress inside the current stage.
   *
   * @param done steps finished (e.g. ALS iterations)
   * @param total steps planned
   * @param detail in words ({@code iteration 3/6}), or null
   */
  void within(int done, int total, String detail);
}
