package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  private final StringWriter out = new StringWriter(), err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ShopSenseCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesAStoreWithExplicitCountsAndReportsProgressAndASummary(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("store");
    int code = run("generate", "--out", store.toString(), "--users", "40", "--items", "120", "--events", "3000", "--seed", "5");
    assertThat(code).as(err.toString()).isZero();
    for (String f : List.of("items.jsonl", "shops.jsonl", "promotions.jsonl", "events.jsonl", "truth.jsonl", "queries.jsonl", "README.txt")) {
      assertThat(store.resolve(f)).isRegularFile();
    }
    try (var lines = Files.lines(store.resolve("items.jsonl"))) {
      assertThat(lines.count()).isEqualTo(120);
    }
    try (var lines = Files.lines(store.resolve("truth.jsonl"))) {
      assertThat(lines.count()).isEqualTo(40);
    }
    assertThat(err.toString()).contains("generate: 40 users, 120 items, about 3000 events, seed 5").contains("generate: 100%");
    assertThat(out.toString()).contains("(seed 5)").contains("120 items").contains("events.jsonl").contains("40 shoppers' hidden tastes");
  }

  @Test
  void badUsageExitsWithCode2AndOneLineReason(@TempDir Path dir) throws IOException {
    assertThat(run("generate", "--out", dir.toString(), "--size", "huge")).isEqualTo(2);
    assertThat(err.toString()).contains("error: size must be small or medium, got 'huge'").doesNotContain("Exception");

    err.getBuffer().setLength(0);
    assertThat(run("generate", "--out", dir.toString(), "--users", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("error: users must be between 1 and").doesNotContain("\n");

    err.getBuffer().setLength(0);
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(run("generate", "--out", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is a file, not a directory");

    err.getBuffer().setLength(0);
    assertThat(run("generate")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--out=DIR'");

    err.getBuffer().setLength(0);
    assertThat(run("generate", "--out", dir.toString(), "--events", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("--events");
  }

  @Test
  void helpDescribesEveryOption() {
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString()).contains("--out=DIR", "--size", "--users", "--items", "--events", "--seed");
  }
}
