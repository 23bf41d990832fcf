package io.shopsense.search.index;

import io.shopsense.core.model.Item;
import io.shopsense.search.Progress;
import io.shopsense.search.SearchRequest;
import io.shopsense.search.SearchResult;
import io.shopsense.search.SearchSettings;
import io.shopsense.search.analysis.ShopAnalyzer;
import io.shopsense.search.analysis.Synonyms;
import io.shopsense.search.embed.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable catalog: a Lucene index under {@code <dir>/lucene} with BM25 text fields,
 * filter and facet doc values, and one HNSW vector field per embedding model.
 *
 * <p>Writes are incremental: {@link #upsert} rewrites only items whose content hash changed (so a
 * re-index of an unchanged catalog writes nothing and embeds nothing), embedding the next chunk of
 * items while the current one is written; {@link #delete} removes items. Every write commits and
 * refreshes the near-real-time searcher, so a search right after sees it. Searches run concurrently
 * with writes. One process may open a directory at a time.
 */
public final class CatalogIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogIndex.class);

  private final Path dir;
  private final SearchSettings settings;
  private final Embedder embedder;
  private final ShopAnalyzer indexAnalyzer = new ShopAnalyzer();
  private final ShopAnalyzer queryAnalyzer;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager manager;
  private final CatalogSearcher searcher;
  private final ExecutorService ahead;
  private final Object writeLock = new Object();

  private CatalogIndex(Path dir, SearchSettings settings, Embedder embedder) throws IOException {
    this.dir = dir;
    this.settings = settings;
    this.embedder = embedder;
    this.queryAnalyzer = new ShopAnalyzer(Synonyms.load(settings.synonymsFile(), indexAnalyzer));
    BM25Similarity bm25 = new BM25Similarity(settings.bm25K1(), settings.bm25B());
    Files.createDirectories(dir.resolve("lucene"));
    this.directory = FSDirectory.open(dir.resolve("lucene"));
    KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(settings.hnswM(), settings.hnswBeamWidth());
    IndexWriterConfig cfg = new IndexWriterConfig(indexAnalyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setSimilarity(bm25)
        .setRAMBufferSizeMB(settings.ramBufferMb())
        .setCodec(new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return hnsw;
          }
        });
    try {
      this.writer = new IndexWriter(directory, cfg);
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new IllegalStateException("search index " + dir + " is open in another process (" + e.getMessage() + ")", e);
    }
    this.manager = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(bm25);
        return s;
      }
    });
    this.searcher = new CatalogSearcher(manager, new TextQueries(queryAnalyzer, indexAnalyzer, settings), embedder,
        settings);
    this.ahead = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shopsense-index-embed");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens (creating when missing) the index under {@code dir}.
   *
   * @param embedder the text embedder, or null for a BM25-only index (vector and hybrid searches
   *     then run as bm25)
   */
  public static CatalogIndex open(Path dir, SearchSettings settings, Embedder embedder) {
    try {
      return new CatalogIndex(dir, settings, embedder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open search index " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Adds or replaces items; unchanged ones are skipped. */
  public IndexStats upsert(Collection<Item> items) {
    return upsert(items, Map.of());
  }

  /**
   * Adds or replaces items with their behaviour signals (by item id; missing means none).
   *
   * @throws IllegalArgumentException naming the item when one cannot be indexed (negative price)
   */
  public IndexStats upsert(Collection<Item> items, Map<String, ItemSignals> signals) {
    synchronized (writeLock) {
      try {
        return write(items, signals, false);
      } catch (IOException e) {
        throw new UncheckedIOException("search index " + dir + " write failed: " + e.getMessage(), e);
      }
    }
  }

  /** Makes the index hold exactly these items: upserts them and deletes every other id. */
  public IndexStats replaceAll(Collection<Item> items, Map<String, ItemSignals> signals) {
    synchronized (writeLock) {
      try {
        return write(items, signals, true);
      } catch (IOException e) {
        throw new UncheckedIOException("search index " + dir + " write failed: " + e.getMessage(), e);
      }
    }
  }

  /** Removes items by id; returns how many were in the index. */
  public int delete(Collection<String> ids) {
    synchronized (writeLock) {
      try {
        IndexSearcher s = manager.acquire();
        int present;
        try {
          present = IndexedIds.hashes(s.getIndexReader(), new HashSet<>(ids)).size();
        } finally {
          manager.release(s);
        }
        for (String id : ids) writer.deleteDocuments(new Term(ItemDocuments.ID, id));
        commit();
        return present;
      } catch (IOException e) {
        throw new UncheckedIOException("search index " + dir + " delete failed: " + e.getMessage(), e);
      }
    }
  }

  private IndexStats write(Collection<Item> items, Map<String, ItemSignals> signals, boolean deleteOthers)
      throws IOException {
    long t0 = System.nanoTime();
    long embeddedBefore = embedder == null ? 0 : embedder.computedCount();
    Map<String, Item> byId = new LinkedHashMap<>();
    for (Item it : items) {
      ItemDocuments.validate(it);
      byId.put(it.id(), it);
    }
    Map<String, byte[]> indexed;
    Set<String> stale = new HashSet<>();
    IndexSearcher s = manager.acquire();
    try {
      indexed = IndexedIds.hashes(s.getIndexReader(), byId.keySet());
      if (deleteOthers) {
        stale.addAll(IndexedIds.all(s.getIndexReader()));
        stale.removeAll(byId.keySet());
      }
    } finally {
      manager.release(s);
    }
    List<Item> changed = new ArrayList<>();
    List<byte[]> hashes = new ArrayList<>();
    for (Item it : byId.values()) {
      byte[] h = ItemDocuments.contentHash(it, signals.get(it.id()), settings.embedDescriptionChars());
      if (!Arrays.equals(h, indexed.get(it.id()))) {
        changed.add(it);
        hashes.add(h);
      }
    }
    for (String id : stale) writer.deleteDocuments(new Term(ItemDocuments.ID, id));
    if (!changed.isEmpty()) writeChanged(changed, hashes, signals);
    if (!changed.isEmpty() || !stale.isEmpty()) commit();
    long embedded = embedder == null ? 0 : embedder.computedCount() - embeddedBefore;
    IndexStats stats = new IndexStats(byId.size(), changed.size(), byId.size() - changed.size(), stale.size(),
        embedded, (System.nanoTime() - t0) / 1e9);
    LOG.info("search index: {} items, {} written, {} unchanged, {} deleted, {} embedded in {} s", stats.received(),
        stats.written(), stats.unchanged(), stats.deleted(), stats.embedded(), String.format("%.1f", stats.seconds()));
    return stats;
  }

  /** Chunk by chunk: the next chunk is embedded on another thread while this one is written. */
  private void writeChanged(List<Item> changed, List<byte[]> hashes, Map<String, ItemSignals> signals)
      throws IOException {
    Progress progress = new Progress(LOG, "indexing", changed.size(), 2000);
    int chunk = settings.indexChunk();
    CompletableFuture<List<Embedder.Vector>> next = embedAhead(changed, 0, chunk);
    for (int from = 0; from < changed.size(); from += chunk) {
      int to = Math.min(changed.size(), from + chunk);
      List<Embedder.Vector> vectors;
      try {
        vectors = next.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) throw re;
        throw e;
      }
      next = to < changed.size() ? embedAhead(changed, to, chunk) : null;
      for (int i = from; i < to; i++) {
        Item it = changed.get(i);
        writer.updateDocument(new Term(ItemDocuments.ID, it.id()), ItemDocuments.toDocument(it, signals.get(it.id()),
            vectors == null ? null : vectors.get(i - from), hashes.get(i)));
      }
      progress.advance(to - from);
    }
  }

  private CompletableFuture<List<Embedder.Vector>> embedAhead(List<Item> items, int from, int chunk) {
    if (embedder == null) return CompletableFuture.completedFuture(null);
    List<String> texts = new ArrayList<>();
    for (Item it : items.subList(from, Math.min(items.size(), from + chunk))) {
      texts.add(ItemDocuments.embeddingText(it, settings.embedDescriptionChars()));
    }
    return CompletableFuture.supplyAsync(() -> embedder.embedAll(texts, Progress.silent(texts.size())), ahead);
  }

  private void commit() throws IOException {
    writer.commit();
    manager.maybeRefreshBlocking();
  }

  /**
   * Runs a search.
   *
   * @throws io.shopsense.search.InvalidQueryException for an empty or too long query, a bad page or
   *     price range (a query of only punctuation is not an error: it returns no hits)
   */
  public SearchResult search(SearchRequest request) {
    try {
      return searcher.search(request);
    } catch (IOException e) {
      throw new UncheckedIOException("search index " + dir + " read failed: " + e.getMessage(), e);
    }
  }

  /** Live items in the index. */
  public int size() {
    try {
      IndexSearcher s = manager.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        manager.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Merges the index into one segment (after a bulk build: faster searches, one HNSW graph). */
  public void optimize() {
    synchronized (writeLock) {
      try {
        writer.forceMerge(1);
        commit();
      } catch (IOException e) {
        throw new UncheckedIOException("search index " + dir + " merge failed: " + e.getMessage(), e);
      }
    }
  }

  public SearchSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    ahead.shutdownNow();
    try {
      manager.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close search index " + dir + ": " + e.getMessage(), e);
    } finally {
      queryAnalyzer.close();
      indexAnalyzer.close();
    }
  }
}
