package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.server.demo.DemoStore;
import io.shopsense.server.demo.StepTimer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad usage of {@code demo} exits 2 with one line, before any work starts. */
class DemoCommandTest {
  private final StringWriter out = new StringWriter(), err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ShopSenseCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void badUsageExitsWithCode2AndOneLine(@TempDir Path dir) throws IOException {
    assertThat(run("demo", "--size", "huge", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("error: size must be small or medium, got 'huge'");

    err.getBuffer().setLength(0);
    assertThat(run("demo", "--port", "70000", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("error: --port must be between 0 and 65535, got 70000");

    err.getBuffer().setLength(0);
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(run("demo", "--data", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is a file, not a directory");
    assertThat(Files.list(dir).count()).as("nothing was written").isEqualTo(1);
  }

  @Test
  void aPortInUseIsRefusedBeforeAnythingIsBuilt(@TempDir Path dir) throws IOException {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path data = dir.resolve("d");
      assertThat(run("demo", "--size", "small", "--data", data.toString(), "--port", Integer.toString(busy.getLocalPort())))
          .isEqualTo(2);
      assertThat(err.toString().strip()).isEqualTo("error: port " + busy.getLocalPort()
          + " on 127.0.0.1 is in use: stop what listens there or pass another --port");
      assertThat(data).doesNotExist();
    }
  }

  @Test
  void aDataDirectoryOfAnotherSizeIsRefused(@TempDir Path dir) {
    // a finished generate step of a different spec, as a medium demo would leave it
    GeneratorSpec other = new GeneratorSpec(30, 120, 500, 42);
    new DemoStore(dir, other).generate(new StepTimer(new PrintWriter(new StringWriter()), 1));
    assertThat(run("demo", "--size", "small", "--data", dir.toString(), "--port", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("error: " + dir + " holds a demo store of another size")
        .doesNotContain("\n");
  }

  @Test
  void helpNamesTheOptions() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--data=DIR").contains("--port=PORT").contains("--size=small|medium")
        .contains("reuses what is built");
  }
}
