package io.shopsense.search.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one BERT-style sentence-embedding model with ONNX Runtime and returns unit-length vectors
 * (mean or CLS pooling, as the model was trained).
 *
 * <p>Hand-written rather than langchain4j's {@code embedAll}: that path runs one text per task on
 * top of ONNX Runtime's own spinning intra-op pool, which oversubscribes small machines; here every
 * session runs single-threaded and parallelism comes from the caller's batches of texts. Thread-safe
 * ({@link OrtSession#run} and the tokenizer are). Cost per text: O(L² d + L d²) per layer for L
 * tokens in a d-wide, 6-12 layer transformer.
 */
final class OnnxEncoder implements AutoCloseable {
  private final EmbeddingModel model;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Set<String> inputs;

  OnnxEncoder(EmbeddingModel model, int maxTokens) {
    this.model = model;
    ClassLoader cl = OnnxEncoder.class.getClassLoader();
    try (InputStream m = cl.getResourceAsStream(model.modelResource());
        InputStream t = cl.getResourceAsStream(model.tokenizerResource())) {
      if (m == null || t == null) {
        throw new IllegalStateException("model " + model.modelResource() + " is not on the classpath; "
            + "add the langchain4j-embeddings artifact for " + model.cacheKey());
      }
      byte[] bytes = m.readAllBytes();
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(bytes, options);
      inputs = session.getInputNames();
      tokenizer = HuggingFaceTokenizer.newInstance(t, Map.of(
          "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
    } catch (IOException | OrtException e) {
      throw new IllegalStateException("cannot load embedding model " + model.cacheKey() + ": " + e.getMessage(), e);
    }
  }

  EmbeddingModel model() {
    return model;
  }

  /**
   * One unit vector per text, in order. Texts must not be blank. Each text runs as its own sequence:
   * the int8 models quantise activations with one scale per tensor, so padding a text into a batch
   * with longer ones changes its vector (cosine 0.98 instead of 1.0 measured); running alone keeps
   * every vector independent of its neighbours and equal to langchain4j's.
   */
  float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) out[i] = encodeOne(texts.get(i));
    return out;
  }

  private float[] encodeOne(String text) {
    Encoding enc = tokenizer.encode(text);
    long[] ids = enc.getIds();
    long[] mask = enc.getAttentionMask();
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (inputs.contains("token_type_ids")) {
        feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(enc.getTypeIds()), shape));
      }
      try (OrtSession.Result result = session.run(feed)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        return normalize(pool(hidden[0], mask, 0, ids.length));
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding model " + model.cacheKey() + " failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private float[] pool(float[][] tokens, long[] mask, int offset, int len) {
    int d = tokens[0].length;
    if (model.pooling() == EmbeddingModel.Pooling.CLS) return tokens[0].clone();
    float[] v = new float[d];
    int count = 0;
    for (int j = 0; j < len; j++) {
      if (mask[offset + j] == 0) continue;
      count++;
      float[] t = tokens[j];
      for (int k = 0; k < d; k++) v[k] += t[k];
    }
    for (int k = 0; k < d; k++) v[k] /= Math.max(1, count);
    return v;
  }

  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm == 0) return v;
    for (int k = 0; k < v.length; k++) v[k] /= (float) norm;
    return v;
  }

  @Override
  public void close() {
    tokenizer.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close ONNX session: " + e.getMessage(), e);
    }
  }
}
