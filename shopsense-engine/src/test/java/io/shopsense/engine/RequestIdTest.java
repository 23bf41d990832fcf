package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {
  @Test
  void requestIdsAreDistinctRandomUuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ShopSense.requestId();
      UUID u = UUID.fromString(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(u.toString()).isEqualTo(id);
      assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
    }
  }
}
