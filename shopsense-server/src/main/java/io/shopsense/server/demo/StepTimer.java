package io.shopsense.server.demo;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints the demo's progress: one header line per step ({@code [2/4] import}), percentage lines
 * while a step runs (at most one per 10%, so logs stay short when stderr is not a terminal), and
 * the step's time when it ends.
 */
public final class StepTimer {
  private final PrintWriter out;
  private final int steps;
  private final long start = System.nanoTime();
  private int step;
  private String name;
  private long stepStart;
  private int lastPercent;

  public StepTimer(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  /** Starts the next step. */
  public void begin(String stepName, String what) {
    step++;
    name = stepName;
    stepStart = System.nanoTime();
    lastPercent = -10;
    line(String.format(Locale.ROOT, "[%d/%d] %s: %s", step, steps, name, what));
  }

  /** A percentage of the current step (printed every 10% and at 100%). */
  public void percent(int p) {
    if (p >= lastPercent + 10 || (p == 100 && lastPercent < 100)) {
      lastPercent = p;
      line(String.format(Locale.ROOT, "[%d/%d] %s %3d%%  (%s)", step, steps, name, p, seconds(stepStart)));
    }
  }

  /** A free-form progress line of the current step. */
  public void note(String text) {
    line(String.format(Locale.ROOT, "[%d/%d] %s: %s", step, steps, name, text));
  }

  /** Ends the current step with a summary. */
  public void end(String summary) {
    line(String.format(Locale.ROOT, "[%d/%d] %s done in %s: %s", step, steps, name, seconds(stepStart), summary));
  }

  /** Seconds since the demo started. */
  public double totalSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
  }

  private void line(String s) {
    out.println(s);
    out.flush();
  }
}
