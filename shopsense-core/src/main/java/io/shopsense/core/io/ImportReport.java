package io.shopsense.core.io;

import java.util.List;
import java.util.Locale;

/**
 * What one file's import did.
 *
 * @param file the file as the user named it
 * @param kind what it held
 * @param read records read (non-blank lines, bad ones included)
 * @param imported records written that were new (or replaced, for catalog upserts)
 * @param duplicates events skipped because their id was already stored
 * @param bad lines rejected (only non-zero with {@code --skip-bad})
 * @param errors the first few bad lines' errors, in file order
 * @param elapsedNanos wall time of the whole import, validation pass included
 * @param validationNanos wall time of the validation pass alone (0 with {@code --skip-bad}, and for an
 *     events file, which is checked while it is written)
 */
public record ImportReport(String file, ImportSource.Kind kind, long read, long imported, long duplicates,
    long bad, List<InputException> errors, long elapsedNanos, long validationNanos) {

  public ImportReport {
    errors = List.copyOf(errors);
  }

  /** Good records (imported plus duplicates) per second of wall time. */
  public double recordsPerSecond() {
    return elapsedNanos <= 0 ? 0 : (read - bad) * 1e9 / elapsedNanos;
  }

  /** One line for people, e.g. {@code events.jsonl: 1,000 events imported, 0 duplicates, 0 bad, in 0.2 s (5,000/s)}. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: %,d %s imported, %,d duplicates, %,d bad, in %.1f s (%,.0f/s)",
        file, imported, kind.label(), duplicates, bad, elapsedNanos / 1e9, recordsPerSecond());
  }
}
