package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The evaluate command end to end on small MovieLens-format files written here. */
class EvaluateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ShopSenseCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  /** 30 users; user u rated items u..u+11 (mod 40) in training and u+12, u+13 in the test. */
  private Path[] split() throws Exception {
    StringBuilder tr = new StringBuilder();
    StringBuilder te = new StringBuilder();
    for (int u = 0; u < 30; u++) {
      for (int j = 0; j < 12; j++) tr.append(u).append('\t').append((u + j) % 40).append("\t4\t").append(1000 + j).append('\n');
      for (int j = 12; j < 14; j++) te.append(u).append('\t').append((u + j) % 40).append("\t5\t").append(2000 + j).append('\n');
    }
    return new Path[] {Files.writeString(dir.resolve("x.base"), tr), Files.writeString(dir.resolve("x.test"), te)};
  }

  @Test
  void givenSplitPrintsTableWritesJsonAndRecsThatReproduceTheMetrics() throws Exception {
    Path[] s = split();
    Path json = dir.resolve("out/report.json");
    Path recs = dir.resolve("out/recs.jsonl");
    int code = run("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--format", "movielens",
        "--algorithms", "popular,itemknn", "--k", "5", "--json", json.toString(), "--dump-recs", recs.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ndcg@5").contains("popular").contains("itemknn");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("k").asInt()).isEqualTo(5);
    assertThat(report.get("config").get("eval.k").asText()).isEqualTo("5");
    // recompute precision@5 of itemknn from the dumped lists and the test file
    Map<String, Set<String>> relevant = new HashMap<>();
    for (String line : Files.readAllLines(s[1])) {
      String[] f = line.split("\t");
      relevant.computeIfAbsent(f[0], x -> new HashSet<>()).add(f[1]);
    }
    ObjectMapper m = new ObjectMapper();
    double sum = 0;
    int users = 0;
    for (String line : Files.readAllLines(recs)) {
      JsonNode n = m.readTree(line);
      if (!n.get("algorithm").asText().equals("itemknn")) continue;
      int hits = 0;
      for (JsonNode it : n.get("items")) if (relevant.get(n.get("user").asText()).contains(it.asText())) hits++;
      sum += hits / 5.0;
      users++;
    }
    assertThat(users).isEqualTo(30);
    JsonNode knn = null;
    for (JsonNode r : report.get("results")) if (r.get("algorithm").asText().equals("itemknn")) knn = r;
    assertThat(knn.get("metrics").get("precision").asDouble()).isCloseTo(sum / users, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(knn.get("usersEvaluated").asInt()).isEqualTo(30);
  }

  @Test
  void badUsageExitsTwoWithOneLine() throws Exception {
    Path[] s = split();
    for (List<String> args : List.of(
        List.of("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--task", "search"),
        List.of("evaluate", "--protocol", "holdout"),
        List.of("evaluate", "--data", dir.toString()),
        List.of("evaluate", "--data", dir.toString(), "--protocol", "holdout"),
        List.of("evaluate", "--train", s[0].toString()),
        List.of("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--algorithms", "nosuch"),
        List.of("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--set", "no.such.key=1"),
        List.of("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--k", "0"),
        List.of("evaluate", "--task", "search", "--data", dir.toString(), "--protocol", "holdout"),
        List.of("evaluate", "--task", "search", "--data", dir.toString(), "--algorithms", "als"),
        List.of("evaluate", "--task", "search", "--data", dir.resolve("missing").toString()),
        List.of("evaluate", "--task", "search", "--data", dir.toString()))) {
      err.getBuffer().setLength(0);
      assertThat(run(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
      assertThat(err.toString().strip().lines().count()).as(err.toString()).isLessThanOrEqualTo(2);
      assertThat(err.toString()).startsWith("error: ").doesNotContain("Exception");
    }
    err.getBuffer().setLength(0);
    assertThat(run("evaluate", "--train", s[0].toString(), "--test", s[1].toString(), "--task", "search")).isEqualTo(2);
    assertThat(err.toString()).contains("--task search needs --data DIR");
  }

  @Test
  void badLineInAFileNamesFileAndLine() throws Exception {
    Path[] s = split();
    Path bad = Files.writeString(dir.resolve("bad.test"), "1\t2\t5\t100\n1\tx\tfive\t100\n");
    assertThat(run("evaluate", "--train", s[0].toString(), "--test", bad.toString(), "--algorithms", "popular")).isEqualTo(2);
    assertThat(err.toString()).contains("bad.test:2");
  }
}
