package io.shopsense.recommend.mf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A fixed pool of {@code threads} workers for one training run. Rows are cut into a fixed number of
 * chunks of about equal cost (independent of the thread count); workers claim chunks in turn. Every
 * row's result depends only on inputs that are fixed for the pass, so the output is the same
 * whichever worker runs which chunk: training is deterministic for a seed, at any thread count.
 */
final class WorkerPool implements AutoCloseable {
  /** Chunks per pass: enough for load balance on a shared machine, few enough to be cheap. */
  static final int CHUNKS = 256;

  private final int threads;
  private final ExecutorService pool;

  WorkerPool(int threads, String name) {
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  int threads() {
    return threads;
  }

  /** A body run over rows {@code [from, to)} of one chunk, with per-worker scratch state. */
  interface ChunkBody<S> {
    void run(S scratch, int chunk, int from, int to);
  }

  /**
   * Chunk boundaries ({@code chunks + 1} entries) over the rows of a CSR matrix so that each chunk
   * holds about the same {@code nnz + rowCost * rows}.
   */
  static int[] chunks(int[] rowPtr, int rows, long rowCost) {
    int n = (int) Math.max(1, Math.min(CHUNKS, rows));
    long total = rowPtr[rows] + rowCost * rows;
    int[] bounds = new int[n + 1];
    int r = 0;
    for (int c = 1; c < n; c++) {
      long target = total * c / n;
      while (r < rows && rowPtr[r] + rowCost * r < target) r++;
      bounds[c] = r;
    }
    bounds[n] = rows;
    return bounds;
  }

  /** Runs the body over every chunk; workers claim chunks in turn. Rethrows a worker's failure. */
  <S> void forChunks(int[] bounds, Supplier<S> scratch, ChunkBody<S> body) {
    int n = bounds.length - 1;
    AtomicInteger next = new AtomicInteger();
    forEachWorker(w -> {
      S s = scratch.get();
      for (int c; (c = next.getAndIncrement()) < n; ) {
        if (bounds[c] < bounds[c + 1]) body.run(s, c, bounds[c], bounds[c + 1]);
      }
    });
  }

  /** Runs {@code worker.accept(w)} for w in {@code [0, threads)} concurrently and waits for all. */
  void forEachWorker(IntConsumer worker) {
    if (pool == null) {
      worker.accept(0);
      return;
    }
    List<Future<?>> fs = new ArrayList<>(threads);
    for (int w = 0; w < threads; w++) {
      int id = w;
      fs.add(pool.submit(() -> worker.accept(id)));
    }
    Throwable failure = null;
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fs.forEach(x -> x.cancel(true));
        throw new IllegalStateException("training interrupted", e);
      }
    }
    if (failure instanceof RuntimeException re) throw re;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new IllegalStateException(failure);
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
