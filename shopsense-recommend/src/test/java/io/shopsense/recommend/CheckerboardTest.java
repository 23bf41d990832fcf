package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.config.Config;
import io.shopsense.recommend.blend.Blender;
import io.shopsense.recommend.popular.Popularity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Checkerboard} against every personalised algorithm. To add one (e.g. {@code als}), add a
 * line to {@link #algorithms()} with the config overrides it needs on this tiny matrix.
 * Popularity and trending are not personal and cannot pass it; they have their own known answers.
 */
class CheckerboardTest {
  static Stream<Arguments> algorithms() {
    return Stream.of(
        Arguments.of("itemknn", new String[] {"itemknn.similarity", "cosine"}),
        Arguments.of("itemknn", new String[] {"itemknn.similarity", "pearson"}),
        Arguments.of("itemknn", new String[] {"itemknn.similarity", "jaccard", "itemknn.shrinkage", "10"}),
        Arguments.of("userknn", new String[] {"userknn.similarity", "cosine"}),
        Arguments.of("userknn", new String[] {"userknn.similarity", "pearson"}),
        Arguments.of("userknn", new String[] {"userknn.similarity", "jaccard", "userknn.neighbors", "5"}),
        Arguments.of("ease", new String[] {"ease.lambda", "10"}),
        Arguments.of("content", new String[] {}),
        Arguments.of("als", new String[] {"als.factors", "8", "als.iterations", "10"}),
        Arguments.of("bpr", new String[] {"bpr.factors", "8", "bpr.epochs", "200", "bpr.learning_rate", "0.1",
            "bpr.regularization", "0.001"})
    );
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("algorithms")
  void heldOutItemIsTopOne(String name, String[] overrides) {
    Checkerboard cb = Checkerboard.build();
    Config c = TestData.config(overrides);
    for (int threads : new int[] {1, 2}) cb.assertHeldOutTop1(Recommenders.create(name, c), cb.context(c, threads));
  }

  @Test
  void blendOfItemKnnAndEaseWithPopularFallbackPasses() {
    Checkerboard cb = Checkerboard.build();
    Config c = TestData.config();
    TrainContext ctx = cb.context(c, 2);
    Blender b = Blender.builder(cb.train).config(c)
        .add("itemknn", Recommenders.create("itemknn", c).fit(cb.train, ctx), 1)
        .add("ease", Recommenders.create("ease", c).fit(cb.train, ctx), 0.5)
        .fallback("popular", new Popularity(c).fit(cb.train, ctx))
        .build();
    for (int u = 0; u < cb.train.rows(); u++) {
      int user = u;
      List<Candidate> top = b.recommend(u, 3, i -> cb.train.get(user, i) == 0);
      assertThat(top.get(0).item()).as("user %d", u).isEqualTo(cb.train.colIds().id(cb.heldOut[u]));
      assertThat(top.get(0).source()).isIn("itemknn", "ease");
      assertThat(top.get(1).source()).as("nothing else has CF evidence").isEqualTo("popular");
    }
  }
}
