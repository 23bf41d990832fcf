package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.IdentityLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite files, plus what only a file can show: reopening and the pragmas. */
class SqliteStoreTest extends BulkAppendContractTest {
  @TempDir Path dir;
  private final AtomicInteger n = new AtomicInteger();

  @Override
  protected Store createStore() {
    return Stores.open("sqlite:" + dir.resolve("sub" + n.incrementAndGet()).resolve("store.db"));
  }

  @Test
  void reopeningTheFileKeepsEverything() {
    Path file = dir.resolve("data").resolve(Stores.SQLITE_FILE);
    try (Store s = Stores.forDataDir(dir.resolve("data"))) {
      assertThat(Files.exists(file)).isTrue();
      s.upsertItems(List.of(item("i1", "鞋", 3)));
      s.append(List.of(event("e1", "u1", EventType.PURCHASE, "i1", 7)));
      s.saveProfile("u1", "{}");
      s.link(new IdentityLink("d1", "u1", null, 1));
    }
    try (Store s = Stores.open("jdbc:sqlite:" + file)) {
      assertThat(s.item("i1").orElseThrow().title()).isEqualTo("鞋");
      assertThat(s.eventCount()).isEqualTo(1);
      assertThat(s.append(List.of(event("e1", "u1", EventType.PURCHASE, "i1", 7)))).isZero();
      assertThat(s.profile("u1")).contains("{}");
      assertThat(s.resolve("d1")).isEqualTo("u1");
      assertThat(s.url()).isEqualTo("sqlite:" + file);
    }
  }

  @Test
  void configChoosesTheStoreAndDefaultsToTheDataDirectory() {
    try (Store s = Stores.open(Config.defaults(), dir.resolve("d"))) {
      assertThat(s.url()).isEqualTo("sqlite:" + dir.resolve("d").resolve(Stores.SQLITE_FILE));
    }
    Path other = dir.resolve("elsewhere.db");
    try (Store s = Stores.open(Config.defaults().with(Map.of("store.url", "jdbc:sqlite:" + other)), dir.resolve("d"))) {
      assertThat(s.url()).isEqualTo("sqlite:" + other);
      assertThat(Files.exists(other)).isTrue();
    }
  }

  @Test
  void fileIsInWalModeAndPassesIntegrityCheck() throws Exception {
    Path file = dir.resolve("wal.db");
    try (Store s = Stores.open("sqlite:" + file)) {
      s.append(List.of(new Event("e1", "u1", EventType.VIEW, "i1", 1, null, Channel.WEB, null, null, null, null)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
      try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(16_384); // a new file gets large pages
      }
      try (ResultSet rs = st.executeQuery("SELECT channel, typeof(channel) FROM events")) {
        rs.next(); // bound as an ordinal, stored as the wire name
        assertThat(rs.getString(1)).isEqualTo("web");
        assertThat(rs.getString(2)).isEqualTo("text");
      }
    }
  }

  @Test
  void anExistingFileKeepsItsPageSizeAndData() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = WAL"); // a file made as stores were made before: 4 KiB pages
    }
    try (Store s = Stores.open("sqlite:" + file)) {
      s.append(List.of(event("e1", "u1", EventType.VIEW, "i1", 1)));
    }
    try (Store s = Stores.open("sqlite:" + file)) {
      assertThat(s.eventCount()).isEqualTo(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA page_size")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(4_096);
    }
  }
}
