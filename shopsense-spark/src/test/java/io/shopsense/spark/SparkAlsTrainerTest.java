package io.shopsense.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Checkerboard;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.mf.FactorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SparkAlsTrainer} on a real local[2] Spark: known answer, model round trip, parameters. */
class SparkAlsTrainerTest {

  @Test
  void checkerboardHeldOutItemIsTopOne() {
    Checkerboard cb = Checkerboard.build();
    Config c = TestSpark.config("als.factors", "8", "als.iterations", "10");
    SparkAlsRun run = SparkAlsTrainer.implicit(TestSpark.session(), c).train(cb.train, 42);
    assertThat(run.model().name()).isEqualTo("als");
    assertThat(run.model().canFoldIn()).as("an implicit model serves fold-in like ours").isTrue();
    cb.assertHeldOutTop1(run.model());
  }

  /**
   * Trained by Spark, written with {@link FactorModel#write} and read back: the factors are Spark's
   * bit for bit, and their float dot products are exactly Spark's own predictions
   * ({@code ALSModel.transform}); the engine's bfloat16 scoring stays within its stated error.
   */
  @ParameterizedTest(name = "implicit={0}")
  @ValueSource(booleans = {true, false})
  void roundTripGivesSparksPredictions(boolean implicit) throws IOException {
    InteractionMatrix m = TestData.random(120, 60, 12, 7);
    Config c = TestSpark.config("als.factors", "6", "als.iterations", "4", "alswr.factors", "6", "alswr.iterations", "4");
    SparkAlsTrainer t = implicit ? SparkAlsTrainer.implicit(TestSpark.session(), c) : SparkAlsTrainer.explicit(TestSpark.session(), c);
    SparkAlsRun run = t.train(m, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      run.model().write(out);
    }
    FactorModel back = t.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m);
    assertThat(back.name()).isEqualTo(implicit ? "als" : "alswr");
    assertThat(back.userFactors()).containsExactly(run.model().userFactors());
    assertThat(back.itemFactors()).containsExactly(run.model().itemFactors());

    SplittableRandom rnd = new SplittableRandom(11);
    List<Row> pairs = new ArrayList<>();
    for (int k = 0; k < 300; k++) pairs.add(RowFactory.create(rnd.nextInt(m.rows()), rnd.nextInt(m.cols())));
    StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType);
    Dataset<Row> predicted = run.sparkModel().transform(TestSpark.session().createDataFrame(pairs, schema));
    int f = back.factors();
    float[] scores = new float[back.numItems()];
    int checked = 0;
    for (Row r : predicted.collectAsList()) {
      int u = r.getInt(0), i = r.getInt(1);
      float spark = r.getFloat(2);
      float dot = 0f;
      for (int k = 0; k < f; k++) dot += back.userFactors()[u * f + k] * back.itemFactors()[i * f + k];
      assertThat(dot).as("user %d item %d", u, i).isEqualTo(spark);
      back.scoreUser(u, scores);
      // item factors are scored as bfloat16 (8 significant bits): each term is off by at most 2^-8
      float bound = 0f;
      for (int k = 0; k < f; k++) bound += Math.abs(back.userFactors()[u * f + k] * back.itemFactors()[i * f + k]);
      assertThat(scores[i]).as("engine score of user %d item %d", u, i).isCloseTo(spark, within(bound / 256f + 1e-6f));
      checked++;
    }
    assertThat(checked).isEqualTo(300);
  }

  @Test
  void badParametersAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("als.factors", "0"), true))
        .isInstanceOf(ConfigException.class).hasMessage("als.factors must be between 1 and 1024, got 0");
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("als.regularization", "-0.5"), true))
        .isInstanceOf(ConfigException.class).hasMessage("als.regularization must be between 0 and 1000000, got -0.5");
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("als.alpha", "-1"), true))
        .hasMessage("als.alpha must be between 0 and 1000000, got -1");
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("alswr.regularization", "0"), false))
        .hasMessageStartingWith("alswr.regularization must be between");
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("spark.als.regularization_mapping", "scaled"), true))
        .hasMessage("spark.als.regularization_mapping must be matched or raw, got 'scaled'");
    assertThatThrownBy(() -> SparkAlsTrainer.validate(TestSpark.config("spark.als.blocks", "-2"), true))
        .hasMessage("spark.als.blocks must be between 0 and 100000, got -2");
    assertThatThrownBy(() -> SparkSessions.master(TestSpark.config("spark.master", "localhost:7077")))
        .hasMessageContaining("spark.master must be local[N]");
    InteractionMatrix negative = TestData.fromRows(new double[][] {{1, 0}, {0, -2}});
    assertThatThrownBy(() -> SparkAlsTrainer.implicit(TestSpark.session(), TestSpark.config()).train(negative, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("implicit ALS needs finite weights >= 0, got -2.0 for user 'u2' and item 'i2'");
  }

  @Test
  void matchedRegularizationGivesTheSameTotalRidge() {
    // 2 users, 3 items, 4 positive ratings: Spark's total ridge regParam * 2 * 4 must equal ours, lambda * (2 + 3)
    InteractionMatrix m = TestData.fromRows(new double[][] {{1, 2, 0}, {0, 3, 1}});
    assertThat(RegularizationMapping.MATCHED.regParam(0.8, m)).isCloseTo(0.8 * 5 / 8, within(1e-12));
    assertThat(RegularizationMapping.RAW.regParam(0.8, m)).isEqualTo(0.8);
  }
}
