package io.shopsense.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportsTest {
  @TempDir Path dir;

  @Test
  void cutOffsAreParsedAndBadOnesNamed() {
    assertThat(DemoReports.cutOffs("5, 10,20")).containsExactly(5, 10, 20);
    assertThat(DemoReports.cutOffs("")).isEmpty();
    assertThatThrownBy(() -> DemoReports.cutOffs("5,ten")).hasMessageContaining("console.demo_eval_ks").hasMessageContaining("5,ten");
    assertThatThrownBy(() -> DemoReports.cutOffs("0")).hasMessageContaining(">= 1");
  }

  @Test
  void nothingRunsWhenAReportExistsOrNoCutOffIsSet() throws Exception {
    PrintWriter log = new PrintWriter(new StringWriter());
    Config none = Config.defaults().with(Map.of("console.demo_eval_ks", ""));
    assertThat(DemoReports.startInBackground(dir, "sqlite:" + dir.resolve("x.db"), none, log)).isNull();
    Files.writeString(dir.resolve("holdout-k10.json"), "{}");
    assertThat(DemoReports.startInBackground(dir, "sqlite:" + dir.resolve("x.db"), Config.defaults(), log)).isNull();
  }
}
