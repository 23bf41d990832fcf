package io.shopsense.core.io;

import io.shopsense.core.model.Event;
import io.shopsense.core.store.EventStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/** Where the importer's parsed batches go; writes run on a background thread so parsing overlaps them. */
interface BatchOutput {
  /** Hands over a full batch (the caller does not touch it afterwards). */
  void accept(List<Object> batch);

  /** Waits for the writes; returns how many records were new. */
  long finish();

  /** Stops after a failure, attaching any writer failure to it. */
  void abort(Throwable primary);

  /** One store call per batch (catalog files). */
  static BatchOutput perBatch(ToIntFunction<List<Object>> sink) {
    return new PerBatch(sink);
  }

  /** The whole file as one {@link EventStore#bulkAppend} (event files). */
  static BatchOutput bulkEvents(EventStore events) {
    return new BulkEvents(events);
  }

  /** Catalog files: one store transaction per batch, the next batch parsed while one is written. */
  final class PerBatch implements BatchOutput {
    private final ToIntFunction<List<Object>> sink;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Importer.daemon("shopsense-import-writer"));
    private Future<Integer> inFlight;
    private long imported;

    PerBatch(ToIntFunction<List<Object>> sink) {
      this.sink = sink;
    }

    @Override
    public void accept(List<Object> batch) {
      if (inFlight != null) imported += Importer.await(inFlight);
      inFlight = writer.submit(() -> sink.applyAsInt(batch));
    }

    @Override
    public long finish() {
      if (inFlight != null) imported += Importer.await(inFlight);
      inFlight = null;
      writer.shutdown();
      return imported;
    }

    @Override
    public void abort(Throwable primary) {
      if (inFlight != null) inFlight.cancel(false);
      writer.shutdown();
    }
  }

  /**
   * Event files: the whole file goes to {@link EventStore#bulkAppend} as one unit (one transaction,
   * durable when it returns; a failure part-way leaves nothing of the file), fed batch by batch.
   */
  final class BulkEvents implements BatchOutput {
    private final BatchPipe<Event> pipe = new BatchPipe<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Importer.daemon("shopsense-import-writer"));
    private final Future<Long> result;

    BulkEvents(EventStore events) {
      result = writer.submit(() -> events.bulkAppend(pipe));
      pipe.consumer(result);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(List<Object> batch) {
      if (!pipe.put((List<Event>) (List<?>) batch)) {
        Importer.await(result); // the store failed: rethrow its error
        throw new IllegalStateException("the bulk append ended before its input did");
      }
    }

    @Override
    public long finish() {
      pipe.finish();
      try {
        return Importer.await(result);
      } finally {
        writer.shutdown();
      }
    }

    @Override
    public void abort(Throwable primary) {
      pipe.abort();
      try {
        result.get(); // let the rollback finish before the error reaches the caller
      } catch (ExecutionException e) {
        // the pipe's own abort signal says nothing new; a store failure does
        if (e.getCause() != primary && !(e.getCause() instanceof BatchPipe.Aborted)) primary.addSuppressed(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        primary.addSuppressed(e);
      } finally {
        writer.shutdown();
      }
    }
  }
}
