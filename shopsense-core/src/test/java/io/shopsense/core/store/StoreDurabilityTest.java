package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged event survives SIGKILL: a child JVM appends to a SQLite store and reports each
 * committed batch; it is killed mid-ingest, and every reported event must be in the reopened store,
 * which must pass SQLite's integrity check. A batch in flight is all there or not at all.
 */
class StoreDurabilityTest {
  private static final int BATCH = 200;
  private static final int KILL_AFTER = 300;

  @TempDir Path dir;

  @Test
  void acknowledgedEventsSurviveSigkill() throws Exception {
    Path file = dir.resolve("durable.db");
    String url = "sqlite:" + file;
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = dir.resolve("child.log");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), url, String.valueOf(BATCH))
        .redirectError(log.toFile());
    Process child = pb.start();
    int lastAck = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; lastAck < KILL_AFTER && (line = out.readLine()) != null; ) {
        assertThat(line).startsWith("ack ");
        lastAck = Integer.parseInt(line.substring(4));
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(lastAck).as("child log: %s", Files.exists(log) ? Files.readString(log) : "").isGreaterThanOrEqualTo(KILL_AFTER);

    Set<String> ids = new HashSet<>();
    try (Store store = Stores.open(url)) {
      store.forEachEvent(e -> ids.add(e.id()));
    }
    for (int b = 0; b <= lastAck; b++) {
      for (int i = 0; i < BATCH; i++) {
        if (!ids.contains(DurabilityChild.id(b, i))) {
          throw new AssertionError("acknowledged event " + DurabilityChild.id(b, i) + " is lost (last ack " + lastAck + ")");
        }
      }
    }
    // batches after the last one we read may have committed too, but each one whole or not at all
    Map<String, Long> perBatch = ids.stream().collect(Collectors.groupingBy(id -> id.substring(0, id.indexOf('-')),
        Collectors.counting()));
    assertThat(perBatch.values()).as("every stored batch is complete").containsOnly((long) BATCH);
    int batches = perBatch.size();
    for (int b = 0; b < batches; b++) assertThat(perBatch).containsKey("b" + b);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      assertThat(List.of(rs.next() ? rs.getString(1) : "no result")).containsExactly("ok");
    }
  }
}
