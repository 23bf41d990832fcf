package io.shopsense.search.embed;

import io.shopsense.search.analysis.Language;

/**
 * The in-process sentence-embedding models, read from the langchain4j ONNX artifacts on the
 * classpath (no network). {@link #cacheKey()} names model and artifact version, so upgrading a model
 * never serves vectors of the old one from the cache.
 */
public enum EmbeddingModel {
  /** all-MiniLM-L6-v2, int8 quantised: English, 384 dimensions, mean pooling (Reimers and Gurevych 2019). */
  MINILM_L6_V2_Q(Language.EN, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", 384, Pooling.MEAN,
      "all-minilm-l6-v2-q@1.19.0-beta29"),
  /** bge-small-zh-v1.5, int8 quantised: Chinese, 512 dimensions, CLS pooling (Xiao et al. 2023, C-Pack). */
  BGE_SMALL_ZH_V15_Q(Language.ZH, "bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", 512, Pooling.CLS,
      "bge-small-zh-v15-q@1.11.0-beta19");

  /** How token vectors become one sentence vector. */
  public enum Pooling { MEAN, CLS }

  private final Language language;
  private final String modelResource;
  private final String tokenizerResource;
  private final int dim;
  private final Pooling pooling;
  private final String cacheKey;

  EmbeddingModel(Language language, String modelResource, String tokenizerResource, int dim, Pooling pooling,
      String cacheKey) {
    this.language = language;
    this.modelResource = modelResource;
    this.tokenizerResource = tokenizerResource;
    this.dim = dim;
    this.pooling = pooling;
    this.cacheKey = cacheKey;
  }

  /** The model that embeds text of this language. */
  public static EmbeddingModel forLanguage(Language language) {
    return language == Language.ZH ? BGE_SMALL_ZH_V15_Q : MINILM_L6_V2_Q;
  }

  public Language language() {
    return language;
  }

  public String modelResource() {
    return modelResource;
  }

  public String tokenizerResource() {
    return tokenizerResource;
  }

  public int dim() {
    return dim;
  }

  public Pooling pooling() {
    return pooling;
  }

  public String cacheKey() {
    return cacheKey;
  }
}
