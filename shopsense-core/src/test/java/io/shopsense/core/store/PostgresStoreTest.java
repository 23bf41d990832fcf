package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (embedded, started from Maven artifacts), emptied before each test. */
class PostgresStoreTest extends BulkAppendContractTest {
  private static EmbeddedPostgres pg;

  @BeforeAll
  static void start() throws IOException {
    pg = EmbeddedPostgres.builder().start();
    execute("CREATE DATABASE contract");
  }

  private static String url(String db) {
    // the embedded server trusts local connections, so the password only tests redaction
    return "postgresql://postgres:secret@localhost:" + pg.getPort() + "/" + db;
  }

  private static void execute(String sql) {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (pg != null) pg.close();
  }

  @Override
  protected Store createStore() {
    // one database, emptied per test: CREATE DATABASE costs a checkpoint (about a second) each time
    Store s = Stores.open(url("contract"));
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/contract", "postgres", "");
         Statement st = c.createStatement()) {
      st.execute("TRUNCATE items, shops, promotions, events, profiles, identity_links RESTART IDENTITY");
    } catch (SQLException e) {
      s.close();
      throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
    }
    return s;
  }

  @Test
  void urlKeepsUserHostAndDatabase() {
    Store s = store();
    assertThat(s.url()).isEqualTo("postgresql://postgres@localhost:" + pg.getPort() + "/contract");
  }
}
