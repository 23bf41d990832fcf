package io.shopsense.engine.snapshot;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.MatrixFiles;
import io.shopsense.recommend.mf.FactorModel;
import io.shopsense.recommend.mf.ImplicitAls;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An implicit-ALS model trained outside the engine (by {@code shopsense-spark}'s
 * {@code SparkAlsJob} on a Spark cluster, or any job writing the same files) taken in as the
 * snapshot's {@code als} model: {@code model-als.bin} in our {@link FactorModel} format with the
 * ids of its rows and columns ({@code users.bin}, {@code items.bin}, see {@link MatrixFiles}).
 * Rows are matched to the snapshot's matrix by id, not position, since the job may have read the
 * store at another moment or without the engine's holdout and alias resolution. Items the job did
 * not see get zero factors (no ALS score, like an item without events); shoppers it did not see but
 * the snapshot has events for are folded in against the imported item factors (one small solve each,
 * {@link FactorModel#foldInUser}). Cost: O(users · f + items · f) plus the fold-ins. Key
 * {@code engine.als_import}.
 */
public final class ImportedFactors {
  private static final Logger LOG = LoggerFactory.getLogger(ImportedFactors.class);

  private ImportedFactors() {}

  /** The imported model laid out on the matrix's rows and columns. */
  public static FactorModel als(Path dir, InteractionMatrix matrix) {
    FactorModel src;
    IdIndex users;
    IdIndex items;
    Path file = dir.resolve("model-" + ImplicitAls.NAME + ".bin");
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      src = FactorModel.read(in, null, ImplicitAls.NAME);
      users = MatrixFiles.readIds(dir.resolve(MatrixFiles.USERS));
      items = MatrixFiles.readIds(dir.resolve(MatrixFiles.ITEMS));
    } catch (IOException e) {
      throw new UncheckedIOException("engine.als_import: cannot read the model in " + dir + ": " + e.getMessage(), e);
    }
    if (users.size() != src.numUsers() || items.size() != src.numItems()) {
      throw new IllegalArgumentException("engine.als_import: " + file + " is " + src.numUsers() + " x " + src.numItems()
          + " but users.bin / items.bin list " + users.size() + " / " + items.size() + " ids");
    }
    if (!src.canFoldIn()) throw new IllegalArgumentException("engine.als_import: " + file + " is not an implicit-ALS model");
    int f = src.factors();
    float[] v = new float[Math.multiplyExact(matrix.cols(), f)];
    // the unobserved-pair weights (als.unobserved_exponent) follow their items; an unseen item weighs 0, as in training
    float[] srcWeights = src.unobservedWeights();
    float[] weights = srcWeights == null ? null : new float[matrix.cols()];
    int itemsMatched = 0;
    for (int j = 0; j < matrix.cols(); j++) {
      int s = items.get(matrix.colIds().id(j));
      if (s < 0) continue;
      System.arraycopy(src.itemFactors(), s * f, v, j * f, f);
      if (weights != null) weights[j] = srcWeights[s];
      itemsMatched++;
    }
    float[] u = new float[Math.multiplyExact(matrix.rows(), f)];
    FactorModel byItem = new FactorModel(ImplicitAls.NAME, f, new float[0], v, null, src.foldInAlpha(), src.foldInRegularization(),
        weights);
    int usersMatched = 0, foldedIn = 0;
    for (int r = 0; r < matrix.rows(); r++) {
      int s = users.get(matrix.rowIds().id(r));
      if (s >= 0) {
        System.arraycopy(src.userFactors(), s * f, u, r * f, f);
        usersMatched++;
      } else if (matrix.rowLength(r) > 0) {
        int from = matrix.rowStart(r), to = matrix.rowEnd(r);
        float[] x = byItem.foldInUser(java.util.Arrays.copyOfRange(matrix.colIndex(), from, to),
            java.util.Arrays.copyOfRange(matrix.values(), from, to));
        System.arraycopy(x, 0, u, r * f, f);
        foldedIn++;
      }
    }
    LOG.info("training: als imported from {}: {} of {} shoppers matched by id, {} folded in; {} of {} items matched",
        dir, usersMatched, matrix.rows(), foldedIn, itemsMatched, matrix.cols());
    return new FactorModel(ImplicitAls.NAME, f, u, v, null, src.foldInAlpha(), src.foldInRegularization(), weights);
  }
}
