package io.shopsense.search.embed;

import io.shopsense.core.config.Config;
import io.shopsense.search.Progress;
import io.shopsense.search.analysis.Language;
import io.shopsense.search.analysis.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns text into vectors in-process: each text is routed by script to its model (Chinese as soon
 * as it holds a Han character, English otherwise), looked up in the {@link EmbeddingCache}, and the
 * misses are embedded in batches spread over all cores. Models load on first use, so an English
 * catalog never loads the Chinese model. Worker threads are daemons: an open embedder never keeps
 * the JVM alive. Thread-safe.
 */
public final class Embedder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Embedder.class);

  /**
   * @param threads embedding workers (0 = one per core)
   * @param batch texts per model call
   * @param maxTokens longer texts are truncated to this many tokens
   * @param queryCache how many recent query vectors to keep in memory
   */
  public record Settings(int threads, int batch, int maxTokens, int queryCache) {
    public Settings {
      if (threads < 0) throw new IllegalArgumentException("embedding threads must be >= 0, got " + threads);
      if (batch < 1) throw new IllegalArgumentException("embedding batch must be >= 1, got " + batch);
      if (maxTokens < 8) throw new IllegalArgumentException("embedding max tokens must be >= 8, got " + maxTokens);
    }

    /** From {@code search.embed.*} keys. */
    public static Settings from(Config c) {
      return new Settings(c.getInt("search.embed.threads"), c.getInt("search.embed.batch"),
          c.getInt("search.embed.max_tokens"), c.getInt("search.embed.query_cache"));
    }
  }

  /** A text's vector (unit length) and the language, hence the model and field, it belongs to. */
  public record Vector(Language language, float[] values) {}

  private final Settings settings;
  private final EmbeddingCache cache;
  private final ExecutorService pool;
  private final Map<Language, OnnxEncoder> encoders = new EnumMap<>(Language.class);
  private final AtomicLong computed = new AtomicLong();
  private final Map<String, Vector> recentQueries;

  private Embedder(Settings settings, EmbeddingCache cache) {
    this.settings = settings;
    this.cache = cache;
    int n = settings.threads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.threads();
    AtomicInteger seq = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "shopsense-embed-" + seq.incrementAndGet());
      t.setDaemon(true); // a forgotten close() must not keep the JVM alive (STACK.md gotcha 10)
      return t;
    });
    int cap = Math.max(0, settings.queryCache());
    this.recentQueries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Vector> eldest) {
        return size() > cap;
      }
    };
  }

  /**
   * An embedder working under {@code dir}: native libraries go to {@code dir/native} and the cache
   * to {@code dir/embeddings.db}.
   */
  public static Embedder open(Path dir, Settings settings) {
    return open(dir.resolve("native"), dir.resolve("embeddings.db"), settings);
  }

  /** An embedder with native libraries under {@code nativeDir} and the cache in {@code cacheFile}. */
  public static Embedder open(Path nativeDir, Path cacheFile, Settings settings) {
    NativeLibraries.prepare(nativeDir);
    return new Embedder(settings, new EmbeddingCache(cacheFile));
  }

  /** The vector of a query (no disk cache; a small in-memory one), or null for blank text. */
  public Vector embedQuery(String text) {
    if (text == null || text.isBlank()) return null;
    synchronized (recentQueries) {
      Vector v = recentQueries.get(text);
      if (v != null) return v;
    }
    Language lang = Scripts.languageOf(text);
    float[] values = encoder(lang).encode(List.of(text))[0];
    computed.incrementAndGet();
    Vector v = new Vector(lang, values);
    synchronized (recentQueries) {
      recentQueries.put(text, v);
    }
    return v;
  }

  /**
   * Vectors for all texts, in order; null for blank texts. Cached vectors are reused, the rest are
   * embedded in parallel and cached. {@code progress} advances by one per text.
   */
  public List<Vector> embedAll(List<String> texts, Progress progress) {
    Vector[] out = new Vector[texts.size()];
    Map<Language, Map<String, List<Integer>>> byLang = new EnumMap<>(Language.class);
    int blank = 0;
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null || t.isBlank()) {
        blank++;
        continue;
      }
      byLang.computeIfAbsent(Scripts.languageOf(t), k -> new LinkedHashMap<>())
          .computeIfAbsent(EmbeddingCache.digest(t), k -> new ArrayList<>()).add(i);
    }
    if (blank > 0) progress.advance(blank);
    for (Map.Entry<Language, Map<String, List<Integer>>> e : byLang.entrySet()) {
      embedLanguage(e.getKey(), e.getValue(), texts, out, progress);
    }
    return java.util.Arrays.asList(out);
  }

  private void embedLanguage(Language lang, Map<String, List<Integer>> positions, List<String> texts, Vector[] out,
      Progress progress) {
    EmbeddingModel model = EmbeddingModel.forLanguage(lang);
    Map<String, float[]> hits = cache.getAll(model, new ArrayList<>(positions.keySet()));
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
      float[] v = hits.get(e.getKey());
      if (v == null) {
        missing.add(e.getKey());
        continue;
      }
      for (int i : e.getValue()) out[i] = new Vector(lang, v);
      progress.advance(e.getValue().size());
    }
    if (missing.isEmpty()) return;
    OnnxEncoder encoder = encoder(lang);
    List<Future<Map<String, float[]>>> futures = new ArrayList<>();
    for (int from = 0; from < missing.size(); from += settings.batch()) {
      List<String> digests = missing.subList(from, Math.min(missing.size(), from + settings.batch()));
      futures.add(pool.submit(() -> {
        List<String> batch = new ArrayList<>(digests.size());
        for (String d : digests) batch.add(texts.get(positions.get(d).get(0)));
        float[][] vs = encoder.encode(batch);
        computed.addAndGet(batch.size());
        Map<String, float[]> m = new HashMap<>();
        int count = 0;
        for (int k = 0; k < digests.size(); k++) {
          m.put(digests.get(k), vs[k]);
          count += positions.get(digests.get(k)).size();
        }
        progress.advance(count);
        return m;
      }));
    }
    Map<String, float[]> fresh = new HashMap<>();
    try {
      for (Future<Map<String, float[]>> f : futures) fresh.putAll(f.get());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("embedding interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      throw new IllegalStateException("embedding failed: " + c, c);
    }
    cache.putAll(model, fresh);
    for (Map.Entry<String, float[]> e : fresh.entrySet()) {
      for (int i : positions.get(e.getKey())) out[i] = new Vector(lang, e.getValue());
    }
  }

  private OnnxEncoder encoder(Language lang) {
    synchronized (encoders) {
      return encoders.computeIfAbsent(lang, l -> {
        EmbeddingModel m = EmbeddingModel.forLanguage(l);
        long t = System.nanoTime();
        OnnxEncoder e = new OnnxEncoder(m, settings.maxTokens());
        LOG.info("loaded embedding model {} in {} ms", m.cacheKey(), (System.nanoTime() - t) / 1_000_000);
        return e;
      });
    }
  }

  /** How many texts were run through a model since this embedder opened (cache hits excluded). */
  public long computedCount() {
    return computed.get();
  }

  /** The vector dimension of a language's model. */
  public static int dim(Language lang) {
    return EmbeddingModel.forLanguage(lang).dim();
  }

  /** The disk cache (for statistics). */
  public EmbeddingCache cache() {
    return cache;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    synchronized (encoders) {
      encoders.values().forEach(OnnxEncoder::close);
      encoders.clear();
    }
    cache.close();
  }
}
