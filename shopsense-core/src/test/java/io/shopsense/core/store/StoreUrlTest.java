package io.shopsense.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreUrlTest {
  @Test
  void sqliteFormsNameTheFile() {
    assertThat(StoreUrl.parse("sqlite:data/x.db").sqliteFile()).isEqualTo(Path.of("data/x.db"));
    StoreUrl j = StoreUrl.parse("jdbc:sqlite:/tmp/y.db");
    assertThat(j.backend()).isEqualTo(StoreUrl.Backend.SQLITE);
    assertThat(j.sqliteFile()).isEqualTo(Path.of("/tmp/y.db"));
    assertThat(j.display()).isEqualTo("sqlite:/tmp/y.db");
  }

  @Test
  void postgresCredentialsAreSeparatedFromTheUrl() {
    StoreUrl u = StoreUrl.parse("postgresql://shop:s3cret@db.local:5433/shopsense?ssl=false");
    assertThat(u.backend()).isEqualTo(StoreUrl.Backend.POSTGRESQL);
    assertThat(u.user()).isEqualTo("shop");
    assertThat(u.password()).isEqualTo("s3cret");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/shopsense?ssl=false&reWriteBatchedInserts=true");
    assertThat(u.display()).isEqualTo("postgresql://shop@db.local:5433/shopsense?ssl=false");

    StoreUrl q = StoreUrl.parse("jdbc:postgresql://db.local/shopsense?user=shop&password=s3cret");
    assertThat(q.user()).isEqualTo("shop");
    assertThat(q.password()).isEqualTo("s3cret");
    assertThat(q.display()).isEqualTo("jdbc:postgresql://shop@db.local/shopsense").doesNotContain("s3cret");
    assertThat(q.jdbcUrl()).doesNotContain("s3cret");
  }

  @Test
  void unknownSchemeNamesTheUrlWithoutThePassword() {
    assertThatThrownBy(() -> Stores.open("mysql://root:hunter2@host/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mysql://root@host/db")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> StoreUrl.parse("sqlite:")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no file");
    assertThatThrownBy(() -> StoreUrl.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
