package io.shopsense.recommend.knn;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A fitted {@link UserKnn}: per-user neighbour lists plus the training matrix. Thread-safe. */
public final class UserKnnModel implements TrainedModel {
  private static final int VERSION = 1;
  private final Neighbours lists;
  private final InteractionMatrix data;

  UserKnnModel(Neighbours lists, InteractionMatrix data) {
    if (lists.rows() != data.rows() || lists.cols() != data.rows()) {
      throw new IllegalArgumentException("neighbour lists are " + lists.rows() + " x " + lists.cols() + " for " + data.rows() + " users");
    }
    this.lists = lists;
    this.data = data;
  }

  @Override
  public String name() {
    return UserKnn.NAME;
  }

  @Override
  public int numItems() {
    return data.cols();
  }

  /** The user's neighbours (user indices), most similar first. */
  public List<Neighbour> neighbours(int user) {
    return lists.of(user);
  }

  @Override
  public void scoreUser(int user, float[] out) {
    Arrays.fill(out, 0, numItems(), 0f);
    if (user < 0 || user >= data.rows()) return;
    int[] nIdx = lists.indices();
    float[] nSim = lists.similarities();
    int[] cols = data.colIndex();
    float[] vals = data.values();
    for (int q = lists.start(user); q < lists.end(user); q++) {
      int v = nIdx[q];
      float s = nSim[q];
      for (int p = data.rowStart(v), e = data.rowEnd(v); p < e; p++) out[cols[p]] += s * vals[p];
    }
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ModelFormat.writeHeader(out, UserKnn.NAME, VERSION, numItems());
    lists.write(out);
  }

  static UserKnnModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    ModelFormat.readHeader(in, UserKnn.NAME, VERSION, data);
    Neighbours n = Neighbours.read(in);
    if (n.rows() != data.rows() || n.cols() != data.rows()) {
      throw new IOException("userknn model has " + n.rows() + " users but the matrix has " + data.rows());
    }
    return new UserKnnModel(n, data);
  }
}
