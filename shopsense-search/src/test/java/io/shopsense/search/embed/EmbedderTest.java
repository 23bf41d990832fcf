package io.shopsense.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.shopsense.search.Progress;
import io.shopsense.search.TestModels;
import io.shopsense.search.analysis.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class EmbedderTest {
  static final Embedder E = TestModels.embedder();

  static double cos(String a, String b) {
    return dot(E.embedQuery(a).values(), E.embedQuery(b).values());
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Test
  void englishRelatedPhrasesScoreHigherThanUnrelated() {
    double related = cos("running shoes", "sneakers for jogging");
    double unrelated = cos("running shoes", "coffee maker");
    assertThat(related).isGreaterThan(unrelated + 0.3);
    assertThat(cos("espresso machine", "coffee maker")).isGreaterThan(cos("espresso machine", "running shoes"));
  }

  @Test
  void chineseRelatedPhrasesScoreHigherThanUnrelated() {
    assertThat(cos("跑步鞋", "运动鞋")).isGreaterThan(cos("跑步鞋", "咖啡机") + 0.2);
    assertThat(cos("咖啡机", "意式浓缩咖啡机")).isGreaterThan(cos("咖啡机", "运动鞋"));
  }

  @Test
  void textIsRoutedByScriptToTheModelOfItsLanguage() {
    Embedder.Vector en = E.embedQuery("running shoes");
    Embedder.Vector zh = E.embedQuery("Nike 男士跑步鞋");
    assertThat(en.language()).isEqualTo(Language.EN);
    assertThat(en.values()).hasSize(384);
    assertThat(zh.language()).isEqualTo(Language.ZH);
    assertThat(zh.values()).hasSize(512);
    assertThat(dot(en.values(), en.values())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
  }

  /** The batched encoder must give the vectors langchain4j itself gives for the same models. */
  @Test
  void matchesLangchain4jReferenceVectors() {
    Executor sameThread = Runnable::run;
    var en = new AllMiniLmL6V2QuantizedEmbeddingModel(sameThread);
    var zh = new BgeSmallZhV15QuantizedEmbeddingModel(sameThread);
    // batched together so padding is exercised: the short text is padded to the long one
    List<String> texts = List.of("tee", "Lightweight breathable running shoes for men, mesh upper");
    List<Embedder.Vector> ours = E.embedAll(texts, Progress.silent(2));
    for (int i = 0; i < texts.size(); i++) {
      float[] ref = en.embed(texts.get(i)).content().vector();
      assertThat(dot(ours.get(i).values(), ref)).as(texts.get(i)).isGreaterThan(0.999);
    }
    float[] refZh = zh.embed("男士跑步鞋 轻便透气").content().vector();
    assertThat(dot(E.embedQuery("男士跑步鞋 轻便透气").values(), refZh)).isGreaterThan(0.999);
  }

  @Test
  void cachedTextsAreNotEmbeddedAgain() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) texts.add("cache probe item number " + i + (i % 2 == 0 ? " 红色" : " red"));
    texts.add("cache probe item number 0 红色"); // a duplicate is embedded once
    texts.add("   ");
    long before = E.computedCount();
    Progress p = Progress.silent(texts.size());
    List<Embedder.Vector> first = E.embedAll(texts, p);
    assertThat(E.computedCount() - before).isEqualTo(40);
    assertThat(p.done()).isEqualTo(texts.size());
    assertThat(first.get(41)).isNull();
    assertThat(first.get(0).language()).isEqualTo(Language.ZH);
    assertThat(first.get(1).language()).isEqualTo(Language.EN);

    long mid = E.computedCount();
    List<Embedder.Vector> again = E.embedAll(texts, Progress.silent(texts.size()));
    assertThat(E.computedCount()).isEqualTo(mid);
    for (int i = 0; i < 41; i++) assertThat(again.get(i).values()).containsExactly(first.get(i).values());
    assertThat(E.cache().size()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void nativeLibrariesAreExtractedUnderTheGivenDirectory() throws Exception {
    E.embedQuery("warm up");
    E.embedQuery("预热");
    Path nat = Path.of("target/native").toAbsolutePath();
    assertThat(System.getProperty("onnxruntime.native.path")).startsWith(nat.toString());
    assertThat(Path.of(System.getProperty("onnxruntime.native.path")).resolve("libonnxruntime.so")).isRegularFile();
    assertThat(System.getProperty("DJL_CACHE_DIR")).startsWith(nat.toString());
    try (var files = Files.walk(nat.resolve("djl"))) {
      assertThat(files.map(Path::toString).anyMatch(f -> f.endsWith("libtokenizers.so"))).isTrue();
    }
  }

  @Test
  void unitVectorsStayUnit() {
    float[] v = OnnxEncoder.normalize(new float[] {3, 4});
    assertThat(v).containsExactly(0.6f, 0.8f);
    assertThat(OnnxEncoder.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
    assertThat(Arrays.equals(EmbeddingCache.decode(EmbeddingCache.encode(new float[] {1.5f, -2f})),
        new float[] {1.5f, -2f})).isTrue();
  }
}
