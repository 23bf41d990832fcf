package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A test fixture algorithm whose scores are a given user x item table, so evaluator results can be
 * worked out by hand. A real implementation of the SPI, not a mock: it fits, scores and round-trips.
 */
final class FixedScores implements Recommender {
  private final float[][] table;

  FixedScores(float[][] table) {
    this.table = table;
  }

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public TrainedModel fit(InteractionMatrix data, TrainContext ctx) {
    return new Model(table);
  }

  @Override
  public TrainedModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    int r = in.readInt(), c = in.readInt();
    float[][] t = new float[r][c];
    for (float[] row : t) for (int j = 0; j < c; j++) row[j] = in.readFloat();
    return new Model(t);
  }

  private record Model(float[][] table) implements TrainedModel {
    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public int numItems() {
      return table[0].length;
    }

    @Override
    public void scoreUser(int user, float[] out) {
      System.arraycopy(table[user], 0, out, 0, out.length);
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeInt(table.length);
      out.writeInt(table[0].length);
      for (float[] row : table) for (float v : row) out.writeFloat(v);
    }
  }
}
