package io.shopsense.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSpecTest {
  @Test
  void presetsAndOverrides() {
    assertThat(GeneratorSpec.ofSize("small")).isEqualTo(new GeneratorSpec(1_000, 2_000, 100_000, 42));
    assertThat(GeneratorSpec.ofSize("MEDIUM")).isEqualTo(new GeneratorSpec(10_000, 20_000, 1_000_000, 42));
    assertThat(GeneratorSpec.small().withUsers(5).withItems(100).withEvents(0).withSeed(9))
        .isEqualTo(new GeneratorSpec(5, 100, 0, 9));
  }

  @Test
  void badCountsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> GeneratorSpec.ofSize("large")).hasMessage("size must be small or medium, got 'large'");
    assertThatThrownBy(() -> GeneratorSpec.small().withUsers(0)).hasMessageContaining("users must be between 1 and");
    assertThatThrownBy(() -> GeneratorSpec.small().withItems(10)).hasMessageContaining("one per category").hasMessageContaining("got 10");
    assertThatThrownBy(() -> GeneratorSpec.small().withEvents(-1)).hasMessageContaining("events must not be negative");
  }

  @Test
  void smallPresetLandsNearItsCounts(@TempDir Path dir) throws IOException {
    GeneratorSummary s = new DataGenerator(GeneratorSpec.small()).generate(dir);
    assertThat(s.items()).isEqualTo(2_000);
    assertThat(s.users()).isEqualTo(1_000);
    assertThat((double) s.events()).isBetween(90_000.0, 110_000.0);
    assertThat(s.shops()).isBetween(40, 60);
    assertThat((double) s.activeUsers()).isGreaterThan(950);
    try (var lines = Files.lines(dir.resolve("events.jsonl"))) {
      assertThat(lines.count()).isEqualTo(s.events());
    }
  }

  @Test
  void tinyStoresWork(@TempDir Path dir) throws IOException {
    int categories = Taxonomy.standard().categories.size();
    GeneratorSummary s = new DataGenerator(new GeneratorSpec(1, categories, 0, 1)).generate(dir);
    assertThat(s.events()).isZero();
    assertThat(Files.size(dir.resolve("events.jsonl"))).isZero();
    for (long seed = 1; seed <= 6; seed++) { // one item per category: most categories are empty for a while
      try {
        GeneratorSummary few = new DataGenerator(new GeneratorSpec(4, categories, 3000, seed)).generate(dir);
        assertThat(few.items()).isEqualTo(categories);
        assertThat(few.events()).isBetween(2700L, 3300L);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e, e);
      }
    }
  }
}
