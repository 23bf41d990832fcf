package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code import} and {@code stats} through the real command line, against real SQLite files. */
class ImportCommandTest {
  @TempDir Path dir;
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

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static final String EVENTS = """
      {"id":"e1","user":"u1","type":"view","item":"i1","time":"2024-03-05T10:00:00Z"}
      {"id":"e2","user":"u1","type":"purchase","item":"i2","time":1709632830000,"value":1}
      {"id":"e3","user":"u2","type":"view","item":"i1","time":1709632840000}
      {"id":"e4","user":"u2","type":"search","time":1709632850000,"query":"跑步鞋"}
      """;

  @Test
  void importsTheFilesOfAGeneratedDirectoryThenPrintsStats() throws IOException {
    write("gen/shops.jsonl", "{\"id\":\"s1\",\"name\":\"Swift\"}\n");
    write("gen/items.jsonl", "{\"id\":\"i1\",\"title\":\"跑步鞋\",\"shop\":\"s1\",\"price\":10}\n{\"id\":\"i2\",\"price\":5}\n");
    write("gen/events.jsonl", EVENTS);
    Path data = dir.resolve("gen");

    assertThat(run("import", "--data", data.toString())).as(err).isZero();
    assertThat(out).contains(data.resolve("shops.jsonl") + ": 1 shops imported, 0 duplicates, 0 bad",
        data.resolve("items.jsonl") + ": 2 items imported", data.resolve("events.jsonl") + ": 4 events imported");
    assertThat(out).contains("store sqlite:" + data.resolve("shopsense.db") + ": 1 shops, 2 items, 0 promotions, 4 events");

    assertThat(run("stats", "--data", data.toString())).as(err).isZero();
    assertThat(out).contains(
        "shops                            1\n",
        "items                            2\n",
        "events                           4\n",
        "  view                           2   50.0%\n",
        "  purchase                       1   25.0%\n",
        "  search                         1   25.0%\n",
        "  click                          0    0.0%\n",
        "users                            2\n",
        "items with events                2\n",
        "user-item pairs                  3\n",
        "sparsity                  0.250000\n");
  }

  @Test
  void aBadLineExitsTwoWithOneLineAndWritesNothing() throws IOException {
    Path events = write("events.jsonl", EVENTS + "{\"user\":\"u3\",\"type\":\"bogus\",\"time\":1}\n");
    Path data = dir.resolve("new/data");
    assertThat(run("import", "--data", data.toString(), "--events", events.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + events + ":5: field 'type': unknown event type 'bogus' (expected one of "
        + "view, click, add_to_cart, remove_from_cart, purchase, rate, review, favorite, search, impression)"
        + System.lineSeparator());
    assertThat(Files.isDirectory(data)).isTrue(); // created
    assertThat(run("stats", "--data", data.toString())).isZero();
    assertThat(out).contains("events                           0\n");
  }

  @Test
  void userErrorsAreOneLineWithExitTwo() throws IOException {
    Path data = dir.resolve("d");
    Path wrongType = write("items.jsonl", "{\"id\":\"i1\",\"price\":\"abc\"}\n");
    assertThat(run("import", "--data", data.toString(), "--items", wrongType.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + wrongType + ":1: field 'price': expected a number, got string \"abc\"\n");

    Path unknown = write("shops.jsonl", "{\"id\":\"s\",\"owner\":\"x\"}\n");
    assertThat(run("import", "--data", data.toString(), "--shops", unknown.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + unknown + ":1: field 'owner': unknown field (expected one of id, name, category, created)\n");

    Path noUser = write("e1.jsonl", "\n{\"type\":\"view\",\"item\":\"i\",\"time\":1}\n");
    assertThat(run("import", "--data", data.toString(), "--events", noUser.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + noUser + ":2: field 'user': required field is missing\n");

    Path malformed = write("e2.jsonl", "{\"user\":\"u\",\"type\":\"search\",\"time\":1,}\n");
    assertThat(run("import", "--data", data.toString(), "--events", malformed.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + malformed
        + ":1: malformed JSON at column 38: Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n");

    Path latin1 = dir.resolve("e3.jsonl");
    Files.write(latin1, "{\"user\":\"Jos\u00e9\",\"type\":\"search\",\"time\":1}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(run("import", "--data", data.toString(), "--events", latin1.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + latin1 + ":1: invalid UTF-8 byte 0xe9 at column 13 (the file must be UTF-8)\n");

    Path empty = write("e4.jsonl", "");
    assertThat(run("import", "--data", data.toString(), "--events", empty.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + empty + ": file is empty\n");

    assertThat(run("import", "--data", data.toString(), "--events", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: " + dir.resolve("missing.jsonl") + ": no such file\n");

    assertThat(run("import", "--data", data.toString(), "--events", empty.toString(), "--format", "xml")).isEqualTo(2);
    assertThat(err).isEqualTo("error: unknown --format 'xml' (expected one of jsonl, movielens, ncf)\n");

    assertThat(run("import", "--data", dir.resolve("empty-dir").toString())).isEqualTo(2);
    assertThat(err).startsWith("error: nothing to import: give --items, --shops, --promotions or --events");

    assertThat(run("stats", "--data", dir.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err).isEqualTo("error: no store in " + dir.resolve("nowhere")
        + " (create one with: shopsense import --data " + dir.resolve("nowhere") + ")\n");

    assertThat(run("stats", "--data", data.toString())).isZero();
    assertThat(out).contains("items                            0\n", "shops                            0\n", "events                           0\n");
  }

  @Test
  void skipBadImportsTheGoodLinesAndReportsTheBadOnes() throws IOException {
    Path events = write("events.jsonl", EVENTS + "{\"user\":\"u3\",\"type\":\"view\",\"time\":1}\n"
        + "{\"user\":\"u3\",\"type\":\"rate\",\"item\":\"i\",\"time\":1,\"value\":9}\n");
    Path data = dir.resolve("d");
    assertThat(run("import", "--data", data.toString(), "--events", events.toString(), "--skip-bad")).isZero();
    assertThat(out).contains(events + ": 4 events imported, 0 duplicates, 2 bad");
    assertThat(err).isEqualTo("  skipped " + events + ":5: field 'item': required for event type 'view'\n"
        + "  skipped " + events + ":6: field 'value': rating must be above 0 and at most 5, got 9\n");
  }

  @Test
  void importsMovieLensAndNcfRatings() throws IOException {
    Path udata = write("ml/u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    Path csv = write("ml/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
    Path ncf = write("ncf/ml-1m.test.rating", "0\t32\t4\t978824330\n");
    Path data = dir.resolve("d");
    assertThat(run("import", "--data", data.toString(), "--events", udata.toString(), "--format", "movielens")).as(err).isZero();
    assertThat(run("import", "--data", data.toString(), "--events", csv.toString(), "--format", "movielens")).as(err).isZero();
    assertThat(run("import", "--data", data.toString(), "--events", ncf.toString(), "--format", "ncf")).as(err).isZero();
    assertThat(out).contains(ncf + ": 1 events imported");
    assertThat(run("stats", "--data", data.toString())).isZero();
    assertThat(out).contains("events                           4\n", "  rate                           4  100.0%\n");

    assertThat(run("import", "--data", data.toString(), "--items", udata.toString(), "--format", "movielens")).isEqualTo(2);
    assertThat(err).isEqualTo("error: --format movielens reads ratings as events: give only --events\n");
  }

  @Test
  void helpWorksOnBothCommands() {
    assertThat(run("import", "--help")).isZero();
    assertThat(out).contains("--skip-bad", "--format", "--store");
    assertThat(run("stats", "--help")).isZero();
    assertThat(out).contains("--data");
  }
}
