package io.shopsense.recommend.knn;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.ModelFormat;
import io.shopsense.recommend.TrainedModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Scores from item neighbour lists N(j) (the k items most similar to j):
 * {@code score(u, j) = sum_{i in N(j)} sim(j, i) r_ui} for a user's row of the training matrix, and
 * the same with the given weights for a set of items (a session, a cart, one item for "similar
 * items"). Scoring scatters through the reverse lists from what was touched, so it costs the sum of
 * the touched items' reverse-list lengths (about |touched| * k), not items * k. Shared by item-kNN and
 * content-based models, which differ only in how the lists are built. Thread-safe.
 */
public final class ItemNeighbourModel implements TrainedModel {
  private static final int VERSION = 1;
  private final String name;
  private final Neighbours lists;
  private final Neighbours reverse;
  private final InteractionMatrix data;

  /**
   * @param lists N(j) for every item j
   * @param data the training matrix (users' rows are read when scoring a user)
   */
  public ItemNeighbourModel(String name, Neighbours lists, InteractionMatrix data) {
    if (lists.rows() != data.cols() || lists.cols() != data.cols()) {
      throw new IllegalArgumentException("neighbour lists are " + lists.rows() + " x " + lists.cols() + " for " + data.cols() + " items");
    }
    this.name = name;
    this.lists = lists;
    this.reverse = lists.reverse();
    this.data = data;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int numItems() {
    return lists.rows();
  }

  /** The item's neighbour list N(item), most similar first. */
  public List<Neighbour> neighbours(int item) {
    return lists.of(item);
  }

  /** The lists themselves. */
  public Neighbours lists() {
    return lists;
  }

  @Override
  public void scoreUser(int user, float[] out) {
    Arrays.fill(out, 0, numItems(), 0f);
    if (user < 0 || user >= data.rows()) return; // unknown user: nothing to say
    int[] cols = data.colIndex();
    float[] vals = data.values();
    for (int p = data.rowStart(user); p < data.rowEnd(user); p++) scatter(cols[p], vals[p], out);
  }

  @Override
  public boolean canScoreItemSet() {
    return true;
  }

  /** {@inheritDoc} Null weights count every item once; unknown (out of range) items are skipped. */
  @Override
  public void scoreItemSet(int[] items, float[] weights, float[] out) {
    TrainedModel.checkItemSet(items, weights);
    Arrays.fill(out, 0, numItems(), 0f);
    for (int t = 0; t < items.length; t++) {
      int i = items[t];
      if (i >= 0 && i < numItems()) scatter(i, weights == null ? 1f : weights[t], out);
    }
  }

  private void scatter(int item, float w, float[] out) {
    int[] idx = reverse.indices();
    float[] sim = reverse.similarities();
    for (int q = reverse.start(item), e = reverse.end(item); q < e; q++) out[idx[q]] += sim[q] * w;
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ModelFormat.writeHeader(out, name, VERSION, numItems());
    lists.write(out);
  }

  /** Reads a model of the given name written by {@link #write}. */
  public static ItemNeighbourModel read(String name, DataInputStream in, InteractionMatrix data) throws IOException {
    ModelFormat.readHeader(in, name, VERSION, data);
    Neighbours n = Neighbours.read(in);
    if (n.rows() != data.cols() || n.cols() != data.cols()) throw new IOException("corrupt " + name + " model: list shape");
    return new ItemNeighbourModel(name, n, data);
  }
}
