package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.ConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad hyper-parameters are rejected at construction with the key and the allowed range. */
class ParametersTest {
  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("itemknn", "itemknn.neighbors", "0", "between 1 and 100000"),
        Arguments.of("userknn", "userknn.neighbors", "-3", "between 1 and 100000"),
        Arguments.of("itemknn", "itemknn.shrinkage", "-1", "between 0 and"),
        Arguments.of("userknn", "userknn.similarity", "euclid", "cosine|pearson|jaccard"),
        Arguments.of("itemknn", "itemknn.neighbors", "many", "must be an integer"),
        Arguments.of("ease", "ease.lambda", "-0.5", "between 0 and"),
        Arguments.of("ease", "ease.lambda", "NaN", "between 0 and"),
        Arguments.of("ease", "ease.max_items", "0", "between 1 and"),
        Arguments.of("popular", "popular.mode", "clicks", "users|weight"),
        Arguments.of("trending", "trending.half_life_hours", "0", "between 0.01 and"),
        Arguments.of("content", "content.neighbors", "0", "between 1 and"),
        Arguments.of("content", "content.description", "yes", "true or false"));
  }

  @ParameterizedTest(name = "{1}={2}")
  @MethodSource("bad")
  void rejected(String algorithm, String key, String value, String message) {
    assertThatThrownBy(() -> Recommenders.create(algorithm, TestData.config(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void unknownAlgorithmListsTheKnownOnes() {
    assertThatThrownBy(() -> Recommenders.create("neumf", TestData.config()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown algorithm 'neumf'")
        .hasMessageContaining("popular, trending, itemknn, userknn, ease, content");
  }

  @Test
  void everyRegisteredNameCreatesWithDefaults() {
    assertThat(Recommenders.names()).containsExactly("popular", "trending", "itemknn", "userknn", "ease", "content", "als", "alswr", "bpr");
    for (String n : Recommenders.names()) assertThat(Recommenders.create(n, TestData.config()).name()).isEqualTo(n);
  }
}
