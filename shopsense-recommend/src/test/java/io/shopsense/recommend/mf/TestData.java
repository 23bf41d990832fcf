package io.shopsense.recommend.mf;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TrainContext;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the matrix-factorization tests. */
final class TestData {
  private TestData() {}

  static Config config(String... keyValues) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) m.put(keyValues[k], keyValues[k + 1]);
    return Config.defaults().with(m);
  }

  static TrainContext ctx(Config c, long seed, int threads) {
    return new TrainContext(c, seed, threads, List.of(), null);
  }

  static InteractionMatrix matrix(int users, int items, int[] r, int[] c, float[] v) {
    IdIndex u = new IdIndex();
    for (int k = 0; k < users; k++) u.add("u" + k);
    IdIndex i = new IdIndex();
    for (int k = 0; k < items; k++) i.add("i" + k);
    return InteractionMatrix.fromTriples(u, i, r, c, v, r.length);
  }
}
