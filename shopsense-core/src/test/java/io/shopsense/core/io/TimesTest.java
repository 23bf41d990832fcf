package io.shopsense.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {
  @Test
  void parsesTheIsoForms() {
    assertThat(Times.parseIso("2024-03-05T10:00:00Z")).isEqualTo(Instant.parse("2024-03-05T10:00:00Z").toEpochMilli());
    assertThat(Times.parseIso("2024-03-05T10:00:00.25Z")).isEqualTo(1709632800250L);
    assertThat(Times.parseIso("2024-03-05T10:00:00.123456789Z")).isEqualTo(1709632800123L);
    assertThat(Times.parseIso("2024-03-05T18:00:00+08:00")).isEqualTo(1709632800000L);
    assertThat(Times.parseIso("2024-03-05T05:30:00-04:30")).isEqualTo(1709632800000L);
    assertThat(Times.parseIso("2024-03-05T10:00:00")).isEqualTo(1709632800000L); // no zone: UTC
    assertThat(Times.parseIso("2024-03-05T10:00")).isEqualTo(1709632800000L); // no seconds: the JDK parser
    assertThat(Times.parseIso("2024-03-05T10:00:00+01:00[Europe/Paris]")).isEqualTo(1709629200000L);
    assertThat(Times.parseIso("2024-03-05")).isEqualTo(1709596800000L);
    assertThat(Times.parseIso("1969-12-31T23:59:59Z")).isEqualTo(-1000L);
  }

  @Test
  void rejectsWhatIsNotATime() {
    for (String s : new String[] {"", "yesterday", "2024-02-30T00:00:00Z", "2024-03-05T24:00:00Z", "2024-03-05 10:00:00",
        "1709632800000", "2024-03-05T10:00:00ZZ"}) {
      assertThatThrownBy(() -> Times.parseIso(s)).as(s).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fastPathAgreesWithTheJdk() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long ms = rnd.nextLong() % 4_000_000_000_000L;
      int offsetMinutes = (rnd.nextInt(27 * 4) - 12 * 4) * 15;
      OffsetDateTime t = Instant.ofEpochMilli(ms).atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      String s = t.toString();
      assertThat(Times.parseIso(s)).as("seed %d: %s", seed, s).isEqualTo(ms);
    }
  }
}
