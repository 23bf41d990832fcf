package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.generate.DataGenerator;
import io.shopsense.core.generate.GeneratorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** {@code train}, {@code recommend} and {@code search} through the real command line on a small generated store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineCommandsTest {
  private Path dir; // made in @BeforeAll: a @TempDir field is not always injected before it
  private Path data;
  private String out;
  private String err;

  private int run(String... args) {
    CommandLine cl = ShopSenseCli.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    int code = cl.execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @BeforeAll
  void store() throws IOException {
    dir = Files.createTempDirectory("engine-commands");
    data = dir.resolve("store");
    new DataGenerator(new GeneratorSpec(150, 400, 8_000, 3)).generate(data);
    // BM25-only index and small models keep the test fast
    Files.writeString(data.resolve("shopsense.properties"),
        "engine.embeddings=false\nengine.threads=2\nals.factors=16\nals.iterations=4\n");
    assertThat(run("import", "--data", data.toString())).as(err).isZero();
  }

  @Test
  void trainsThenRecommendsAndSearches() throws IOException {
    assertThat(run("train", "--data", data.toString(), "--algorithms", "popular,itemknn,als", "--set", "engine.eval_users=50"))
        .as(err).isZero();
    assertThat(out).contains("snapshot 1: published").contains("als").contains("ndcg@10");
    // too few logged searches for LambdaMART on this store: the linear ranker, with its held-out figures
    assertThat(out).contains("search ranker: linear").contains("rank.min_sessions").contains("held-out NDCG@10");
    assertThat(Files.isRegularFile(data.resolve("models/000001/search-ranker.txt"))).isTrue();
    assertThat(Files.isRegularFile(data.resolve("models/000001/manifest.json"))).isTrue();

    assertThat(run("recommend", "--data", data.toString(), "--scenario", "for-you", "--user", "u001", "--n", "5", "--json"))
        .as(err).isZero();
    JsonNode r = new ObjectMapper().readTree(out);
    assertThat(r.get("request_id").asText()).isNotBlank();
    assertThat(r.get("variant").asText()).isEqualTo("default");
    assertThat(r.get("results")).hasSize(5);
    JsonNode first = r.get("results").get(0);
    assertThat(first.has("id") && first.has("title") && first.has("price") && first.has("score")).isTrue();
    assertThat(first.has("source")).isFalse();
    assertThat(first.has("reason")).isFalse();

    assertThat(run("recommend", "--data", data.toString(), "--scenario", "trending", "--explain")).as(err).isZero();
    assertThat(out).contains("trending in");

    assertThat(run("search", "--data", data.toString(), "--user", "u001", "--json", "running", "shoes")).as(err).isZero();
    JsonNode s = new ObjectMapper().readTree(out);
    assertThat(s.get("facets")).isNotNull();
    assertThat(run("search", "--data", data.toString(), "--personalize", "false", "shoes")).as(err).isZero();
    assertThat(out).contains("title");
  }

  @Test
  void badInputExitsWithTwoAndOneLine() {
    assertThat(run("recommend", "--data", data.toString(), "--scenario", "hot-stuff")).isEqualTo(2);
    assertThat(err).contains("unknown --scenario 'hot-stuff'").doesNotContain("Exception");
    assertThat(run("recommend", "--data", data.toString(), "--scenario", "similar", "--item", "nope")).isEqualTo(2);
    assertThat(err).contains("nope");
    assertThat(run("train", "--data", data.toString(), "--algorithms", "magic")).isEqualTo(2);
    assertThat(err).contains("unknown algorithm 'magic'");
    assertThat(run("train", "--data", dir.resolve("empty").toString())).isEqualTo(2);
    assertThat(err).contains("no store in");
    assertThat(run("search", "--data", data.toString(), "--n", "0", "x")).isEqualTo(2);
    assertThat(err).contains("n must be");
  }
}
