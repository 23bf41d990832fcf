package io.shopsense.recommend.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.matrix.InteractionMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FactorModelTest {
  /** Scores use bfloat16 item factors: each product is off by at most 2^-8 of its size. */
  /** Scoring chosen items gives exactly the full scoring's entries, in the lane groups and the tails of blocks. */
  @Test
  void scoringChosenItemsMatchesFullScoringBitForBit() {
    Random r = new Random(11);
    for (int f : new int[] {5, 16, 64}) {
      int items = FactorModel.BLOCK * 3 + 13;
      float[] u = new float[4 * f];
      float[] v = new float[items * f];
      float[] b = new float[items];
      for (int k = 0; k < u.length; k++) u[k] = (float) r.nextGaussian();
      for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian();
      for (int k = 0; k < b.length; k++) b[k] = (float) r.nextGaussian();
      for (float[] bias : new float[][] {b, null}) {
        FactorModel m = new FactorModel("als", f, u, v, bias, Float.NaN, Float.NaN);
        int[] all = new int[items];
        for (int j = 0; j < items; j++) all[j] = items - 1 - j;
        for (int user : new int[] {0, 3, 4, -1}) {
          float[] full = new float[items];
          m.scoreUser(user, full);
          float[] part = new float[items];
          m.scoreUser(user, all, part);
          assertThat(part).as("f %d, user %d, bias %s", f, user, bias != null).containsExactly(full);
        }
        float[] vec = java.util.Arrays.copyOfRange(u, f, 2 * f);
        float[] full = new float[items];
        m.scoreVector(vec, full);
        float[] part = new float[items];
        m.scoreVector(vec, new int[] {0, 63, 64, items - 1, 200}, part);
        for (int j : new int[] {0, 63, 64, items - 1, 200}) assertThat(part[j]).isEqualTo(full[j]);
        assertThat(part[1]).isZero(); // not asked for: left as it was
        assertThatThrownBy(() -> m.scoreUser(0, new int[] {items}, new float[items + 1]))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void scoresAreDotProductsPlusBiasAcrossBlockBoundaries() {
    Random r = new Random(2);
    int f = 5;
    int items = FactorModel.BLOCK * 2 + 17;
    float[] u = new float[3 * f];
    float[] v = new float[items * f];
    float[] b = new float[items];
    for (int k = 0; k < u.length; k++) u[k] = r.nextFloat();
    for (int k = 0; k < v.length; k++) v[k] = r.nextFloat();
    for (int k = 0; k < b.length; k++) b[k] = r.nextFloat();
    FactorModel m = new FactorModel("bpr", f, u, v, b, Float.NaN, Float.NaN);
    float[] s = new float[items];
    m.scoreUser(2, s);
    for (int j = 0; j < items; j++) {
      double ref = b[j];
      double bound = 1e-5;
      for (int k = 0; k < f; k++) {
        ref += (double) u[2 * f + k] * v[j * f + k];
        bound += Math.abs(u[2 * f + k] * v[j * f + k]) * Math.pow(2, -8);
      }
      assertThat((double) s[j]).isCloseTo(ref, Offset.offset(bound));
    }
    float[] t = new float[items];
    m.scoreVector(java.util.Arrays.copyOfRange(u, 2 * f, 3 * f), t);
    assertThat(t).containsExactly(s);
    assertThat(m.canFoldIn()).isFalse();
    assertThatThrownBy(() -> m.foldInUser(new int[] {1}, null)).isInstanceOf(UnsupportedOperationException.class);
    m.scoreUser(3, s); // unknown user: the item biases alone
    assertThat(s).containsExactly(b);
  }

  @Test
  void readRejectsAnotherAlgorithmOrAnotherMatrixShape() throws IOException {
    InteractionMatrix data = diagonal(4, 4);
    FactorModel m = new FactorModel("als", 2, new float[4 * 2], new float[4 * 2], null, 1f, 0.1f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    byte[] buf = bytes.toByteArray();
    assertThatThrownBy(() -> FactorModel.read(in(buf), data, "bpr")).isInstanceOf(IOException.class).hasMessageContaining("'als'");
    InteractionMatrix bigger = diagonal(6, 4);
    assertThatThrownBy(() -> FactorModel.read(in(buf), bigger, "als")).isInstanceOf(IOException.class).hasMessageContaining("retrain");
    assertThat(FactorModel.read(in(buf), data, "als").canFoldIn()).isTrue();
    buf[0] = 'X';
    assertThatThrownBy(() -> FactorModel.read(in(buf), data, "als")).isInstanceOf(IOException.class).hasMessageContaining("magic");
  }

  @Test
  void foldInRejectsUnknownItemsAndNegativeWeights() {
    FactorModel m = new FactorModel("als", 2, new float[4], new float[] {1, 0, 0, 1}, null, 1f, 0.1f);
    assertThatThrownBy(() -> m.foldInUser(new int[] {2}, null)).hasMessageContaining("item index 2");
    assertThatThrownBy(() -> m.foldInUser(new int[] {1}, new float[] {-1})).hasMessageContaining(">= 0");
    assertThat(m.foldInUser(new int[0], null)).containsExactly(0f, 0f);
  }

  /** users x items with user u interacting with item u % items. */
  private static InteractionMatrix diagonal(int users, int items) {
    int[] r = new int[users];
    int[] c = new int[users];
    float[] w = new float[users];
    for (int u = 0; u < users; u++) {
      r[u] = u;
      c[u] = u % items;
      w[u] = 1;
    }
    return TestData.matrix(users, items, r, c, w);
  }

  private static DataInputStream in(byte[] b) {
    return new DataInputStream(new ByteArrayInputStream(b));
  }
}
