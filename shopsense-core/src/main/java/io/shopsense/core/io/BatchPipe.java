package io.shopsense.core.io;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Hands batches from the parsing thread to a consumer (a store's bulk append) running on another
 * thread, which sees them as an {@link Iterator}. At most two batches wait, so memory stays bounded.
 * {@link #abort()} makes the consumer's iteration throw, so its transaction rolls back.
 */
final class BatchPipe<T> implements Iterator<List<T>> {
  // distinct instances (List.of() is one shared instance), told apart by identity
  private static final List<Object> END = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());
  private static final List<Object> ABORT = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

  private final BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(2);
  private Future<?> consumer;
  private List<T> next;

  /** The consumer's future: a producer stops waiting for room once the consumer has finished (failed). */
  void consumer(Future<?> f) {
    this.consumer = f;
  }

  /** Queues a batch; returns false, without queueing, when the consumer has already finished. */
  boolean put(List<T> batch) {
    try {
      while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
        if (consumer != null && consumer.isDone()) return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    }
  }

  /** No more batches: the consumer's iteration ends normally. */
  void finish() {
    signal(END);
  }

  /** The producer failed: the consumer's iteration throws. */
  void abort() {
    queue.clear();
    signal(ABORT);
  }

  @SuppressWarnings("unchecked")
  private void signal(List<Object> marker) {
    put((List<T>) (List<?>) marker);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      }
    }
    if (next == ABORT) throw new Aborted();
    return next != END;
  }

  /** What the consumer's iteration throws after {@link #abort()}: a consequence of the producer's failure. */
  static final class Aborted extends IllegalStateException {
    Aborted() {
      super("import aborted: the input failed, nothing of it is kept");
    }
  }

  @Override
  public List<T> next() {
    if (!hasNext()) throw new NoSuchElementException();
    List<T> b = next;
    next = null;
    return b;
  }
}
