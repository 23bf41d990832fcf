package io.shopsense.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final ApiKeys keys = new ApiKeys("serving-0123456789abcdef", "admin-0123456789abcdef");

  @Test
  void rolesAndAccess() {
    assertThat(keys.enabled()).isTrue();
    assertThat(keys.roleOf("serving-0123456789abcdef")).isEqualTo(ApiKeys.Role.SERVING);
    assertThat(keys.roleOf("admin-0123456789abcdef")).isEqualTo(ApiKeys.Role.ADMIN);
    assertThat(keys.roleOf("admin-0123456789abcde")).isEqualTo(ApiKeys.Role.NONE);
    assertThat(keys.roleOf(null)).isEqualTo(ApiKeys.Role.NONE);
    assertThat(ApiKeys.allows(ApiKeys.Role.SERVING, Access.ADMIN)).isFalse();
    assertThat(ApiKeys.allows(ApiKeys.Role.ADMIN, Access.SERVING)).isTrue();
    assertThat(ApiKeys.allows(ApiKeys.Role.NONE, Access.PUBLIC)).isTrue();
  }

  @Test
  void neverPrintsTheKeys() {
    assertThat(keys.toString()).doesNotContain("serving-0123").doesNotContain("admin-0123");
    assertThat(ApiKeys.none().enabled()).isFalse();
  }
}
