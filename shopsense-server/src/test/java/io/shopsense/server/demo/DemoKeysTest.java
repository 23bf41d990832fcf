package io.shopsense.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.server.auth.ApiKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKeysTest {
  @Test
  void makesTwoDifferentLongKeysOnceAndReusesThem(@TempDir Path dir) throws IOException {
    DemoKeys first = DemoKeys.loadOrCreate(dir);
    assertThat(first.serving()).startsWith("ss-serve-").hasSizeGreaterThanOrEqualTo(40);
    assertThat(first.admin()).startsWith("ss-admin-").isNotEqualTo(first.serving());
    // the server accepts them as a pair and tells them apart
    ApiKeys keys = new ApiKeys(first.serving(), first.admin());
    assertThat(keys.roleOf(first.serving())).isEqualTo(ApiKeys.Role.SERVING);
    assertThat(keys.roleOf(first.admin())).isEqualTo(ApiKeys.Role.ADMIN);

    assertThat(DemoKeys.loadOrCreate(dir)).isEqualTo(first);
    Path file = dir.resolve(DemoKeys.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("SHOPSENSE_API_KEY=" + first.serving())
        .contains("SHOPSENSE_ADMIN_KEY=" + first.admin());
    assertThat(first.toString()).doesNotContain(first.serving()).doesNotContain(first.admin());
  }

  @Test
  void replacesAFileWhoseKeysAreUnusable(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(DemoKeys.FILE), "SHOPSENSE_API_KEY=short\nSHOPSENSE_ADMIN_KEY=short\n");
    DemoKeys k = DemoKeys.loadOrCreate(dir);
    assertThat(k.serving()).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(k.admin());
    assertThat(DemoKeys.loadOrCreate(dir)).isEqualTo(k);
  }

  @Test
  void twoDataDirectoriesGetDifferentKeys(@TempDir Path dir) {
    assertThat(DemoKeys.loadOrCreate(dir.resolve("a")).serving())
        .isNotEqualTo(DemoKeys.loadOrCreate(dir.resolve("b")).serving());
  }
}
