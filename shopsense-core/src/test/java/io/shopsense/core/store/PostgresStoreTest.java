package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (embedded, started from Maven artifacts), one database per test. */
class PostgresStoreTest extends StoreContractTest {
  private static EmbeddedPostgres pg;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (pg != null) pg.close();
  }

  @Override
  protected Store createStore() {
    String db = "contract" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + db, e);
    }
    // the embedded server trusts local connections, so the password only tests redaction
    return Stores.open("postgresql://postgres:secret@localhost:" + pg.getPort() + "/" + db);
  }

  @Test
  void urlKeepsUserHostAndDatabase() {
    Store s = store();
    assertThat(s.url()).startsWith("postgresql://postgres@localhost:" + pg.getPort() + "/contract");
  }
}
