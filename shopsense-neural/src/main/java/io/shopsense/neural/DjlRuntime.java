package io.shopsense.neural;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch engine of DJL, started offline and outside the home folder, and handed to one trainer
 * at a time. Only training code touches this class: serving runs the exported weights in plain Java.
 * <ul>
 *   <li>Natives: PyTorch 2.7.1 CPU comes from the {@code pytorch-native-cpu} classifier jar, so nothing
 *       is downloaded; {@code ai.djl.offline=true} makes any attempt fail instead of reaching the network.
 *       DJL unpacks about 445 MB into {@code DJL_CACHE_DIR}, which is set to {@code <java.io.tmpdir>/djl}
 *       unless the user (or the search module, under the data directory) set it; never {@code ~/.djl.ai}.</li>
 *   <li>Threads: one inter-op thread; intra-op threads are set per training to {@code TrainContext.threads()}.</li>
 *   <li>Exclusivity: PyTorch's thread count and random seed are process-wide and DJL's gradient
 *       collector allows one at a time, so {@link #acquire} serialises trainers in the JVM.</li>
 * </ul>
 */
public final class DjlRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static Engine engine;

  private DjlRuntime() {}

  /**
   * Waits for the engine, then seeds PyTorch and sets its intra-op threads. Pair with {@link #release}.
   *
   * @return the PyTorch engine
   */
  public static Engine acquire(long seed, int threads) {
    LOCK.lock();
    try {
      Engine e = engine();
      JniUtils.setNumThreads(threads);
      // DJL takes an int seed: fold the long so both halves matter
      e.setRandomSeed((int) (seed ^ (seed >>> 32)));
      return e;
    } catch (RuntimeException | Error t) {
      LOCK.unlock();
      throw t;
    }
  }

  /** Lets the next trainer in. */
  public static void release() {
    LOCK.unlock();
  }

  private static synchronized Engine engine() {
    if (engine == null) {
      setIfAbsent("ai.djl.offline", "true");
      if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "djl").toAbsolutePath();
        System.setProperty("DJL_CACHE_DIR", dir.toString());
      }
      setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
      long t0 = System.nanoTime();
      engine = Engine.getEngine("PyTorch");
      LOG.info("neural: {} {} loaded in {} s (natives under {})", engine.getEngineName(), engine.getVersion(),
          String.format("%.1f", (System.nanoTime() - t0) / 1e9), cacheDir());
    }
    return engine;
  }

  private static String cacheDir() {
    String p = System.getProperty("ENGINE_CACHE_DIR", System.getenv("ENGINE_CACHE_DIR"));
    return p != null ? p : System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }
}
