package io.shopsense.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} refuses unsafe or impossible settings with one line and exit code 2, before opening anything. */
class ServeCommandTest {
  @TempDir Path dir;

  private String err;

  private int run(String... args) {
    CommandLine cl = ShopSenseCli.commandLine();
    StringWriter e = new StringWriter();
    cl.setErr(new PrintWriter(e));
    cl.setOut(new PrintWriter(new StringWriter()));
    int code = cl.execute(args);
    err = e.toString();
    return code;
  }

  @Test
  void nonLoopbackWithoutKeysIsRefused() {
    assertThat(System.getenv("SHOPSENSE_API_KEY")).as("this test needs no keys in the environment").isNull();
    assertThat(run("serve", "--data", dir.toString(), "--host", "0.0.0.0", "--port", "0")).isEqualTo(2);
    assertThat(err).contains("refusing to listen on 0.0.0.0 without API keys").doesNotContain("Exception");
  }

  @Test
  void missingDataDirectoryAndBadPort() {
    assertThat(run("serve", "--data", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err).contains("no data directory");
    assertThat(run("serve", "--data", dir.toString(), "--port", "70000")).isEqualTo(2);
    assertThat(err).contains("port");
  }
}
