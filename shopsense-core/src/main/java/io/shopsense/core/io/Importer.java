package io.shopsense.core.io;

import io.shopsense.core.io.ImportSource.Kind;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.CatalogStore;
import io.shopsense.core.store.EventStore;
import io.shopsense.core.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Imports data files into a store, streaming: memory stays bounded by a few batches whatever the
 * file size.
 *
 * <p>By default nothing of an import lands in the store when any file has a bad line. An events
 * file is written as one unit through {@link EventStore#bulkAppend} (one transaction: all of it
 * or, on a failure, none of it), so it needs no separate validation pass: it is checked while it
 * is written, and its first bad line rolls the transaction back. Catalog files go in as several
 * transactions, so they are first read once without writing (validation), and the events file is
 * written before them: when it turns out bad, nothing has been written yet. (With several events
 * files only the first one is checked while written; the others are validated first, like catalog
 * files, and written after it, so events keep their file order.) With {@link #skipBad(boolean) skipBad} there is one pass per file: good lines are
 * written and bad ones counted (the first few errors are kept in the report), in the order shops,
 * items, promotions, events. While one batch is written on a background thread the next one is
 * parsed, so parse and store costs overlap on two cores.
 */
public final class Importer {
  /** Records per store transaction. */
  public static final int DEFAULT_BATCH_SIZE = 10_000;
  /** How many bad lines a {@code --skip-bad} report keeps. */
  public static final int DEFAULT_MAX_ERRORS = 5;
  /** Files smaller than this are validated by one thread. */
  static final long PARALLEL_VALIDATION_BYTES = 4L << 20;

  private final CatalogStore catalog;
  private final EventStore events;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private boolean skipBad;
  private int maxErrors = DEFAULT_MAX_ERRORS;
  private Consumer<String> progressOut;
  private long progressIntervalNanos = 2_000_000_000L;
  private int validationThreads = Math.min(4, Runtime.getRuntime().availableProcessors());

  public Importer(Store store) {
    this(store, store);
  }

  /** An importer writing to these stores; both may be null for an importer that only {@link #validate}s. */
  public Importer(CatalogStore catalog, EventStore events) {
    this.catalog = catalog;
    this.events = events;
  }

  /** Threads that validate one large file (default: the cores, at most 4); 1 checks sequentially. */
  public Importer validationThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("validation threads must be at least 1, got " + n);
    this.validationThreads = n;
    return this;
  }

  /** Records per transaction (default {@value #DEFAULT_BATCH_SIZE}). */
  public Importer batchSize(int size) {
    if (size < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + size);
    this.batchSize = size;
    return this;
  }

  /** Write good lines and count bad ones instead of rejecting the file. */
  public Importer skipBad(boolean skip) {
    this.skipBad = skip;
    return this;
  }

  /** How many bad-line errors a report keeps (default {@value #DEFAULT_MAX_ERRORS}). */
  public Importer maxErrors(int n) {
    this.maxErrors = n;
    return this;
  }

  /** Where progress lines go (about every 2 s of a long import); null for none (the default). */
  public Importer progress(Consumer<String> out) {
    this.progressOut = out;
    return this;
  }

  /** How often a progress line is printed during a long import (default 2 s). */
  public Importer progressInterval(java.time.Duration interval) {
    this.progressIntervalNanos = interval.toNanos();
    return this;
  }

  /** Imports one file: validate, then write (or one pass with skipBad). */
  public ImportReport importFile(ImportSource source) {
    return importAll(List.of(source)).get(0);
  }

  /**
   * Imports files; the reports come in kind order (shops, items, promotions, events). Unless
   * skipBad, a bad line in any file leaves the store as it was (see the class comment).
   *
   * @throws InputException naming the file, line and field of the first bad line (nothing written)
   */
  public List<ImportReport> importAll(List<ImportSource> sources) {
    List<ImportSource> ordered = new ArrayList<>(sources);
    ordered.sort(Comparator.comparing(ImportSource::kind));
    int n = ordered.size();
    if (skipBad) {
      List<ImportReport> reports = new ArrayList<>();
      for (ImportSource s : ordered) reports.add(write(s, 0));
      return reports;
    }
    // the (first) events file is one transaction: checked while written, so written first
    int checkedWhileWritten = -1;
    for (int i = n - 1; i >= 0; i--) if (ordered.get(i).kind() == Kind.EVENTS) checkedWhileWritten = i;
    long[] validateNanos = new long[n];
    for (int i = 0; i < n; i++) {
      if (i == checkedWhileWritten) continue;
      long t0 = System.nanoTime();
      validate(ordered.get(i));
      validateNanos[i] = System.nanoTime() - t0;
    }
    ImportReport[] reports = new ImportReport[n];
    if (checkedWhileWritten >= 0) reports[checkedWhileWritten] = write(ordered.get(checkedWhileWritten), 0);
    for (int i = 0; i < n; i++) if (i != checkedWhileWritten) reports[i] = write(ordered.get(i), validateNanos[i]);
    return List.of(reports);
  }

  /**
   * Reads the whole file without writing; throws at the first bad line (in file order). Returns
   * the record count. Large files are cut at line starts and checked by several threads at once:
   * the check is pure CPU and would otherwise be a sequential step before every write.
   */
  public long validate(ImportSource source) {
    long size = sizeOrZero(source);
    int parts = (int) Math.min(validationThreads, Math.max(1, size / PARALLEL_VALIDATION_BYTES));
    if (parts < 2) {
      try (RecordReader<?> r = source.open()) {
        RangeCheck c = check(r, true);
        if (c.error != null) throw c.error;
        return c.records;
      }
    }
    long[] cuts = LineSplits.cuts(source.file(), parts);
    ExecutorService pool = Executors.newFixedThreadPool(parts - 1, daemon("shopsense-import-check"));
    try {
      List<Future<RangeCheck>> rest = new ArrayList<>();
      for (int i = 1; i < parts; i++) {
        long from = cuts[i];
        long to = cuts[i + 1];
        rest.add(pool.submit(() -> {
          try (RecordReader<?> r = source.openRange(from, to)) {
            return check(r, false);
          }
        }));
      }
      List<RangeCheck> checks = new ArrayList<>();
      try (RecordReader<?> r = source.openRange(cuts[0], cuts[1])) {
        checks.add(check(r, true));
      }
      for (Future<RangeCheck> f : rest) checks.add(await(f));
      long records = 0;
      long linesBefore = 0;
      for (RangeCheck c : checks) {
        if (c.error != null) {
          InputException e = c.error;
          throw e.line() == 0 ? e : new InputException(e.file(), e.line() + linesBefore, e.field(), e.reason());
        }
        records += c.records;
        linesBefore += c.lines;
      }
      if (records == 0) throw new InputException(source.file().toString(), 0, null, "file is empty");
      return records;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Records and lines of a checked range, and its first error (with a line number relative to the range). */
  private record RangeCheck(long records, long lines, InputException error) {}

  private RangeCheck check(RecordReader<?> r, boolean showProgress) {
    Progress progress = new Progress(r, "checking");
    long n = 0;
    try {
      while (r.next() != null) {
        n++;
        if (showProgress && (n & 1023) == 0) progress.tick(n);
      }
    } catch (InputException e) {
      return new RangeCheck(n, r.line(), e);
    }
    return new RangeCheck(n, r.line(), null);
  }

  private static long sizeOrZero(ImportSource source) {
    try {
      return java.nio.file.Files.isRegularFile(source.file()) ? java.nio.file.Files.size(source.file()) : 0;
    } catch (java.io.IOException e) {
      return 0; // the reader reports the problem with the file name
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private ImportReport write(ImportSource source, long priorNanos) {
    long t0 = System.nanoTime();
    BatchOutput out = source.kind() == Kind.EVENTS ? BatchOutput.bulkEvents(events)
        : BatchOutput.perBatch(sink(source.kind()));
    long read = 0;
    long bad = 0;
    long written = 0;
    long imported;
    List<InputException> errors = new ArrayList<>();
    try (RecordReader<?> r = source.open()) {
      Progress progress = new Progress(r, skipBad ? "importing" : "writing");
      List<Object> batch = new ArrayList<>(batchSize);
      while (true) {
        Object rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          if (!skipBad || e.line() == 0) throw e; // an empty or unreadable file is never "a bad line"
          read++;
          bad++;
          if (errors.size() < maxErrors) errors.add(e);
          continue;
        }
        if (rec == null) break;
        read++;
        batch.add(rec);
        if (batch.size() == batchSize) {
          written += batch.size();
          out.accept(batch);
          batch = new ArrayList<>(batchSize);
        }
        if ((read & 1023) == 0) progress.tick(read);
      }
      if (!batch.isEmpty()) {
        written += batch.size();
        out.accept(batch);
      }
      imported = out.finish();
    } catch (RuntimeException | Error e) {
      out.abort(e);
      throw e;
    }
    long elapsed = System.nanoTime() - t0 + priorNanos;
    return new ImportReport(source.file().toString(), source.kind(), read, imported, written - imported, bad,
        errors, elapsed, priorNanos);
  }

  @SuppressWarnings("unchecked")
  private ToIntFunction<List<Object>> sink(Kind kind) {
    return switch (kind) {
      case SHOPS -> b -> {
        catalog.upsertShops((List<Shop>) (List<?>) b);
        return b.size();
      };
      case ITEMS -> b -> {
        catalog.upsertItems((List<Item>) (List<?>) b);
        return b.size();
      };
      case PROMOTIONS -> b -> {
        catalog.upsertPromotions((List<Promotion>) (List<?>) b);
        return b.size();
      };
      case EVENTS -> b -> events.append((List<Event>) (List<?>) b);
    };
  }

  /** Waits for the batch being written; rethrows its failure as is. */
  static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error er) throw er;
      throw new IllegalStateException(c);
    }
  }

  /** Prints "import F: phase P% (N records, R/s)" about every interval, only for imports that last. */
  private final class Progress {
    private final RecordReader<?> reader;
    private final String phase;
    private final long start = System.nanoTime();
    private long last = start;

    Progress(RecordReader<?> reader, String phase) {
      this.reader = reader;
      this.phase = phase;
    }

    void tick(long records) {
      if (progressOut == null) return;
      long now = System.nanoTime();
      if (now - last < progressIntervalNanos) return;
      last = now;
      double pct = reader.size() == 0 ? 100 : 100.0 * reader.position() / reader.size();
      double rate = records * 1e9 / (now - start);
      progressOut.accept(String.format(java.util.Locale.ROOT, "import %s: %s %.0f%% (%,d records, %,.0f/s)",
          reader.file(), phase, pct, records, rate));
    }
  }
}
