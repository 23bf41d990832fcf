package io.shopsense.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Scenario;
import io.shopsense.engine.snapshot.ImportedFactors;
import io.shopsense.engine.snapshot.ModelSnapshot;
import io.shopsense.recommend.MatrixFiles;
import io.shopsense.recommend.mf.FactorModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.als_import}: an ALS model trained outside the engine (shopsense-spark's job writes
 * model-als.bin, users.bin and items.bin, the same files a snapshot holds) becomes the snapshot's
 * als model, matched by id.
 */
class ImportedAlsTest {
  @TempDir Path dir;

  @Test
  void trainingTakesInAnAlsModelWrittenElsewhere() {
    Path exported = dir.resolve("a").resolve("models").resolve("000001");
    InteractionMatrix first;
    FactorModel original;
    try (ShopSense a = TestStores.open(dir.resolve("a"), Map.of())) {
      assertThat(a.train().published()).isTrue();
      ModelSnapshot s = a.internals().models.current();
      first = s.matrix();
      original = s.als();
    }
    assertThat(exported.resolve("model-als.bin")).isRegularFile();
    try (ShopSense b = TestStores.open(dir.resolve("b"), Map.of("engine.als_import", exported.toString(), "als.factors", "8"))) {
      assertThat(b.train().published()).isTrue();
      ModelSnapshot s = b.internals().models.current();
      FactorModel imported = s.als();
      assertThat(imported.factors()).as("the imported rank, not als.factors").isEqualTo(original.factors());
      int f = imported.factors();
      for (int r = 0; r < s.matrix().rows(); r++) {
        int o = first.rowIds().get(s.matrix().rowIds().id(r));
        assertThat(o).isNotNegative();
        assertThat(Arrays.copyOfRange(imported.userFactors(), r * f, (r + 1) * f))
            .containsExactly(Arrays.copyOfRange(original.userFactors(), o * f, (o + 1) * f));
      }
      String user = s.matrix().rowIds().id(0);
      assertThat(b.recommend(new RecommendRequest(Scenario.FOR_YOU, user, null, List.of(), 10, null, true, null)).results())
          .hasSize(10);
    }
  }

  @Test
  void matchesByIdFoldsInUnseenShoppersAndZeroesUnseenItems() throws IOException {
    // the exported model knows users a, b and items x, y; the snapshot has b, a, c and items y, x, z
    FactorModel model = new FactorModel("als", 2, new float[] {1, 2, 3, 4}, new float[] {0.5f, -1, 2, 0.25f}, null, 10f, 0.1f);
    Path out = export(model, "job");
    InteractionMatrix snap = snapshotMatrix();
    FactorModel m = ImportedFactors.als(out, snap);
    assertThat(m.userFactors()).startsWith(3, 4, 1, 2); // b then a
    assertThat(m.itemFactors()).containsExactly(2, 0.25f, 0.5f, -1, 0, 0); // y, x, z (unseen: zero)
    float[] c = model.foldInUser(new int[] {0}, new float[] {2}); // c bought x (item 0 of the exported model) with weight 2
    assertThat(Arrays.copyOfRange(m.userFactors(), 4, 6)).usingComparatorWithPrecision(1e-5f).containsExactly(c);
    Files.delete(out.resolve("items.bin"));
    assertThatThrownBy(() -> ImportedFactors.als(out, snap)).hasMessageContaining("engine.als_import: cannot read the model in");
  }

  @Test
  void unobservedItemWeightsFollowTheirItems() throws IOException {
    // a model trained with als.unobserved_exponent: its per-item weights are remapped by id (unseen: 0)
    FactorModel model = new FactorModel("als", 2, new float[] {1, 2, 3, 4}, new float[] {0.5f, -1, 2, 0.25f}, null, 10f, 0.1f,
        new float[] {1.5f, 0.5f});
    FactorModel m = ImportedFactors.als(export(model, "weighted"), snapshotMatrix());
    assertThat(m.unobservedWeights()).containsExactly(0.5f, 1.5f, 0f); // y, x, z
    // the unseen shopper c is folded in with the weights, as the exporting model would
    float[] c = model.foldInUser(new int[] {0}, new float[] {2});
    assertThat(Arrays.copyOfRange(m.userFactors(), 4, 6)).usingComparatorWithPrecision(1e-5f).containsExactly(c);
  }

  /** Writes a model over users a, b and items x, y as a job would, into {@code dir/name}. */
  private Path export(FactorModel model, String name) throws IOException {
    InteractionMatrix shape = new InteractionMatrix(IdIndex.of(List.of("a", "b")), IdIndex.of(List.of("x", "y")),
        new int[] {0, 0, 0}, new int[0], new float[0]);
    Path out = Files.createDirectories(dir.resolve(name));
    MatrixFiles.writeIds(shape, out);
    try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(out.resolve("model-als.bin")))) {
      model.write(d);
    }
    return out;
  }

  /** The snapshot's matrix: users b, a, c and items y, x, z (c bought x with weight 2). */
  private static InteractionMatrix snapshotMatrix() {
    return InteractionMatrix.fromTriples(IdIndex.of(List.of("b", "a", "c")), IdIndex.of(List.of("y", "x", "z")),
        new int[] {0, 1, 2}, new int[] {0, 1, 1}, new float[] {1, 1, 2}, 3);
  }
}
