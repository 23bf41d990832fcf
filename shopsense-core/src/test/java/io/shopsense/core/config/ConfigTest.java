package io.shopsense.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void layersApplyInOrderAndUnknownKeysAreRejected() {
    Config c = Config.load(null, Map.of("SHOPSENSE_WEIGHT_VIEW", "3", "SHOPSENSE_API_KEY", "secret"),
        Map.of("weight.purchase", "10"));
    assertThat(c.getDouble("weight.view")).isEqualTo(3.0);
    assertThat(c.getDouble("weight.purchase")).isEqualTo(10.0);
    assertThatThrownBy(() -> Config.load(null, Map.of(), Map.of("weight.veiw", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("weight.veiw");
    assertThatThrownBy(() -> Config.defaults().with(Map.of("matrix.half_life_days", "x")).getInt("matrix.half_life_days"))
        .hasMessageContaining("must be an integer");
  }
}
