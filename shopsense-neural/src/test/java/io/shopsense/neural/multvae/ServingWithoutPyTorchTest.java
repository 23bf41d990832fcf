package io.shopsense.neural.multvae;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommenders;
import io.shopsense.recommend.TestData;
import io.shopsense.recommend.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Serving must not load PyTorch: in a fresh JVM, creating {@code multvae}, writing and reading a model
 * and scoring users (from their rows and from an item set) loads no DJL class.
 */
class ServingWithoutPyTorchTest {
  @Test
  void readingAndScoringAModelLoadsNoDjlClass() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-verbose:class", "-cp", System.getProperty("java.class.path"),
        Child.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out.lines().filter(l -> !l.startsWith("[")).toList().toString()).isZero();
    assertThat(out).contains("scored 20 users").contains("io.shopsense.neural.multvae.MultVaeModel");
    List<String> djl = out.lines().filter(l -> l.contains(" ai.djl.")).toList();
    assertThat(djl).as("DJL classes loaded while serving").isEmpty();
  }

  /** The child JVM: a model with random weights, through the registry, the file format and scoring. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      InteractionMatrix m = TestData.random(20, 30, 4, 5L);
      int n = m.cols(), h = 8, d = 3;
      SplittableRandom r = new SplittableRandom(1);
      MultVaeWeights w = new MultVaeWeights(n, h, d, rnd(r, n * h), rnd(r, h), rnd(r, h * d), rnd(r, d), rnd(r, d * h),
          rnd(r, h), rnd(r, h * n), rnd(r, n));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        new MultVaeModel(w, m).write(out);
      }
      TrainedModel back = Recommenders.create("multvae", TestData.config())
          .read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m);
      float[] s = new float[n];
      for (int u = 0; u < m.rows(); u++) back.scoreUser(u, s);
      back.scoreItemSet(new int[] {1, 2}, null, s);
      System.out.println("scored " + m.rows() + " users");
    }

    private static float[] rnd(SplittableRandom r, int len) {
      float[] a = new float[len];
      for (int i = 0; i < len; i++) a[i] = (float) r.nextGaussian();
      return a;
    }
  }
}
