package io.shopsense.search;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import java.util.Arrays;

/** The {@code search.*} configuration, validated once. See shopsense-defaults.properties. */
public record SearchSettings(SearchMode mode, int maxQueryChars, int maxPageSize, int candidates, int rrfK,
    double weightBm25, double weightVector, double relaxedFactor, double minSimilarityEn, double minSimilarityZh, int fuzzyMinHits,
    float bm25K1, float bm25B, float boostTitle, float boostBrand, float boostCategory, int facetSize,
    double[] priceEdges, String synonymsFile, int embedDescriptionChars, int indexChunk, double ramBufferMb,
    int hnswM, int hnswBeamWidth) {

  /** From the merged configuration. */
  public static SearchSettings from(Config c) {
    SearchMode mode;
    try {
      mode = SearchMode.parse(c.get("search.mode"));
    } catch (InvalidQueryException e) {
      throw new ConfigException("search.mode: " + e.getMessage(), "search.mode");
    }
    SearchSettings s = new SearchSettings(mode, c.getInt("search.query.max_chars"), c.getInt("search.page.max_size"),
        c.getInt("search.candidates"), c.getInt("search.rrf.k"), c.getDouble("search.rrf.weight.bm25"),
        c.getDouble("search.rrf.weight.vector"), c.getDouble("search.rrf.relaxed_factor"),
        c.getDouble("search.vector.min_similarity.en"),
        c.getDouble("search.vector.min_similarity.zh"), c.getInt("search.fuzzy.min_hits"),
        (float) c.getDouble("search.bm25.k1"), (float) c.getDouble("search.bm25.b"),
        (float) c.getDouble("search.boost.title"), (float) c.getDouble("search.boost.brand"),
        (float) c.getDouble("search.boost.category"), c.getInt("search.facets.size"),
        parseEdges(c.get("search.facets.price_ranges")), c.get("search.synonyms"),
        c.getInt("search.embed.description_chars"), c.getInt("search.index.chunk"),
        c.getDouble("search.index.ram_buffer_mb"), c.getInt("search.hnsw.m"), c.getInt("search.hnsw.beam_width"));
    s.validate();
    return s;
  }

  /** The built-in defaults. */
  public static SearchSettings defaults() {
    return from(Config.defaults());
  }

  private void validate() {
    positive("search.query.max_chars", maxQueryChars);
    positive("search.page.max_size", maxPageSize);
    positive("search.candidates", candidates);
    positive("search.rrf.k", rrfK);
    positive("search.index.chunk", indexChunk);
    positive("search.hnsw.m", hnswM);
    positive("search.hnsw.beam_width", hnswBeamWidth);
    if (weightBm25 < 0 || weightVector < 0) {
      throw new ConfigException("search.rrf.weight.* must be >= 0", "search.rrf.weight.bm25");
    }
    if (relaxedFactor < 0 || relaxedFactor > 1) {
      throw new ConfigException("search.rrf.relaxed_factor must be between 0 and 1", "search.rrf.relaxed_factor");
    }
    if (embedDescriptionChars < 0) {
      throw new ConfigException("search.embed.description_chars must be >= 0", "search.embed.description_chars");
    }
  }

  private static void positive(String key, int v) {
    if (v <= 0) throw new ConfigException(key + " must be > 0, got " + v, key);
  }

  static double[] parseEdges(String s) {
    String key = "search.facets.price_ranges";
    try {
      double[] e = Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
          .mapToDouble(Double::parseDouble).toArray();
      for (int i = 1; i < e.length; i++) {
        if (!(e[i] > e[i - 1])) throw new ConfigException(key + " must be ascending, got " + s, key);
      }
      if (e.length == 0) throw new ConfigException(key + " needs at least one edge", key);
      return e;
    } catch (NumberFormatException ex) {
      throw new ConfigException(key + " must be comma-separated numbers, got '" + s + "'", key);
    }
  }

  /** A copy with another default mode (tests and benchmarks). */
  public SearchSettings withMode(SearchMode m) {
    return new SearchSettings(m, maxQueryChars, maxPageSize, candidates, rrfK, weightBm25, weightVector,
        relaxedFactor, minSimilarityEn, minSimilarityZh, fuzzyMinHits, bm25K1, bm25B, boostTitle, boostBrand, boostCategory,
        facetSize, priceEdges, synonymsFile, embedDescriptionChars, indexChunk, ramBufferMb, hnswM, hnswBeamWidth);
  }
}
