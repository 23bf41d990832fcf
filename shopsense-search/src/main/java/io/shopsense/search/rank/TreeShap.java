package io.shopsense.search.rank;

/**
 * Exact SHAP values of one row for decision trees in polynomial time: Lundberg, Erion &amp; Lee,
 * "Consistent Individualized Feature Attribution for Tree Ensembles" (2018), Algorithm 2
 * (TreeSHAP), with each branch weighted by the training rows that reached it, as LightGBM's
 * {@code C_API_PREDICT_CONTRIB} does, so the values agree with LightGBM's to rounding. O(leaves x
 * depth²) per tree.
 *
 * <p>Hand-written rather than called in LightGBM: its contribution call rewrites shared state of
 * the trees on every call (their depths), which raced between request threads and corrupted the
 * native heap, so explanations had to be serialized per model. Here each call works on its own
 * scratch path and the trees are read-only.
 *
 * <p>The algorithm walks every root-to-leaf path once, keeping the "unique path" of features split
 * on so far; for each feature on it, the fraction of training rows that followed the path without
 * conditioning on it (zero fraction) and whether the row itself follows it (one fraction), plus
 * the permutation weights of the subsets of the path. At a leaf, each feature's weight with the
 * feature "unwound" from the path gives its share of the leaf value. Not thread-safe: one instance
 * per call.
 */
final class TreeShap {
  private final int[] feature;
  private final double[] zero;
  private final double[] one;
  private final double[] weight;
  /** {@code 1 / k} for k = 0..maxDepth + 1: the path updates multiply instead of dividing (a division costs ~10 multiplies). */
  private final double[] inverse;

  /** Scratch for trees of at most {@code maxDepth} internal nodes per path. */
  TreeShap(int maxDepth) {
    inverse = new double[maxDepth + 3];
    for (int k = 1; k < inverse.length; k++) inverse[k] = 1.0 / k;
    // each level of the recursion keeps its own copy of the path, of at most level + 1 elements
    int n = (maxDepth + 2) * (maxDepth + 3) / 2;
    feature = new int[n];
    zero = new double[n];
    one = new double[n];
    weight = new double[n];
  }

  /** Adds tree {@code t}'s SHAP values for the row starting at {@code x[offset]} to {@code phi}. */
  void add(TreeEnsemble.Tree t, float[] x, int offset, double[] phi) {
    if (t.feature().length == 0) return; // a single leaf: the whole value is the expected value
    walk(t, x, offset, phi, 0, 0, 0, 0, 1, 1, -1);
  }

  /**
   * Visits {@code node} with the parent's path at {@code [from, from + depth)}; this level's path is
   * built at {@code [at, at + depth]}, extended by the split that led here.
   */
  private void walk(TreeEnsemble.Tree t, float[] x, int offset, double[] phi, int node, int depth, int from, int at,
      double zeroFraction, double oneFraction, int splitFeature) {
    if (depth > 0 && from != at) {
      System.arraycopy(feature, from, feature, at, depth);
      System.arraycopy(zero, from, zero, at, depth);
      System.arraycopy(one, from, one, at, depth);
      System.arraycopy(weight, from, weight, at, depth);
    }
    extend(at, depth, zeroFraction, oneFraction, splitFeature);
    if (node < 0) {
      double value = t.leafValue()[~node];
      for (int i = 1; i <= depth; i++) {
        phi[feature[at + i]] += unwoundSum(at, depth, i) * (one[at + i] - zero[at + i]) * value;
      }
      return;
    }
    int f = t.feature()[node];
    int hot = t.child(node, x[offset + f]);
    int cold = hot == t.left()[node] ? t.right()[node] : t.left()[node];
    double rows = t.count(node);
    double inZero = 1;
    double inOne = 1;
    // a feature split on again: undo its earlier split and redo it here with both fractions combined
    for (int i = 0; i <= depth; i++) {
      if (feature[at + i] == f) {
        inZero = zero[at + i];
        inOne = one[at + i];
        unwind(at, depth, i);
        depth--;
        break;
      }
    }
    int next = at + depth + 1;
    walk(t, x, offset, phi, hot, depth + 1, at, next, t.count(hot) / rows * inZero, inOne, f);
    walk(t, x, offset, phi, cold, depth + 1, at, next, t.count(cold) / rows * inZero, 0, f);
  }

  /** Appends a split to the path at {@code [at, at + depth)} and updates the subset weights. */
  private void extend(int at, int depth, double zeroFraction, double oneFraction, int splitFeature) {
    feature[at + depth] = splitFeature;
    zero[at + depth] = zeroFraction;
    one[at + depth] = oneFraction;
    weight[at + depth] = depth == 0 ? 1 : 0;
    double[] w = weight;
    double inv = inverse[depth + 1];
    for (int i = depth - 1; i >= 0; i--) {
      w[at + i + 1] += oneFraction * w[at + i] * (i + 1) * inv;
      w[at + i] = zeroFraction * w[at + i] * (depth - i) * inv;
    }
  }

  /** Removes element {@code k} from the path at {@code [at, at + depth]}, undoing its {@link #extend}. */
  private void unwind(int at, int depth, int k) {
    double o = one[at + k];
    double z = zero[at + k];
    double[] w = weight;
    double carry = w[at + depth];
    double inv = inverse[depth + 1];
    if (o != 0) {
      double invO = 1 / o;
      for (int i = depth - 1; i >= 0; i--) {
        double old = w[at + i];
        w[at + i] = carry * (depth + 1) * inverse[i + 1] * invO;
        carry = old - w[at + i] * z * (depth - i) * inv;
      }
    } else {
      double invZ = 1 / z;
      for (int i = depth - 1; i >= 0; i--) w[at + i] = w[at + i] * (depth + 1) * invZ * inverse[depth - i];
    }
    for (int i = k; i < depth; i++) {
      feature[at + i] = feature[at + i + 1];
      zero[at + i] = zero[at + i + 1];
      one[at + i] = one[at + i + 1];
    }
  }

  /** The total subset weight of the path at {@code [at, at + depth]} were element {@code k} unwound. */
  private double unwoundSum(int at, int depth, int k) {
    double o = one[at + k];
    double z = zero[at + k];
    double[] w = weight;
    double carry = w[at + depth];
    double total = 0;
    double inv = inverse[depth + 1];
    if (o != 0) {
      double scale = (depth + 1) / o;
      for (int i = depth - 1; i >= 0; i--) {
        double share = carry * scale * inverse[i + 1];
        total += share;
        carry = w[at + i] - share * z * (depth - i) * inv;
      }
    } else {
      double scale = (depth + 1) / z;
      for (int i = depth - 1; i >= 0; i--) total += w[at + i] * scale * inverse[depth - i];
    }
    return total;
  }
}
