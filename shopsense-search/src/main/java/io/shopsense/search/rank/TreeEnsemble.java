package io.shopsense.search.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LightGBM model's trees evaluated in Java. Hand-written because a native prediction call costs
 * far more than the trees themselves for one request's 200 rows (about 2 CPU-ms and 10 ms of wall
 * time per call on the shared 2-core machine, against well under a millisecond here). Parses the
 * text model format (numerical splits only: {@code decision_type} bit 1 = default left, bits 2-3 =
 * missing type none/zero/NaN; a negative child {@code c} is leaf {@code ~c}) and reproduces
 * LightGBM's {@code NumericalDecision} exactly, so scores equal the native raw scores. O(trees x
 * depth) per row; immutable and thread-safe.
 */
final class TreeEnsemble {
  private static final double ZERO = 1e-35;

  /** One tree as parallel arrays over its internal nodes; leaves in {@code leafValue}. */
  private record Tree(int[] feature, double[] threshold, byte[] decision, int[] left, int[] right, double[] leafValue) {}

  private final Tree[] trees;
  private final int features;

  private TreeEnsemble(Tree[] trees, int features) {
    this.trees = trees;
    this.features = features;
  }

  /** Parses a model string as written by LightGBM's {@code SaveModelToString}. */
  static TreeEnsemble parse(String model) {
    List<Tree> trees = new ArrayList<>();
    int maxFeature = -1;
    Map<String, String> block = null;
    for (String raw : model.split("\n")) {
      String line = raw.trim();
      if (line.startsWith("max_feature_idx=")) maxFeature = Integer.parseInt(line.substring(16));
      if (line.startsWith("Tree=")) {
        if (block != null) trees.add(tree(block));
        block = new HashMap<>();
      } else if (line.equals("end of trees")) {
        if (block != null) trees.add(tree(block));
        block = null;
        break;
      } else if (block != null) {
        int eq = line.indexOf('=');
        if (eq > 0) block.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (block != null) trees.add(tree(block));
    if (trees.isEmpty()) throw new IllegalArgumentException("LightGBM model has no trees");
    return new TreeEnsemble(trees.toArray(new Tree[0]), maxFeature + 1);
  }

  private static Tree tree(Map<String, String> b) {
    int leaves = Integer.parseInt(b.get("num_leaves"));
    if (b.containsKey("num_cat") && Integer.parseInt(b.get("num_cat")) != 0) {
      throw new IllegalArgumentException("LightGBM model has categorical splits, which the ranker never trains");
    }
    if ("1".equals(b.get("is_linear"))) throw new IllegalArgumentException("LightGBM linear trees are not supported");
    double[] leafValue = doubles(b.get("leaf_value"), leaves);
    if (leaves == 1) return new Tree(new int[0], new double[0], new byte[0], new int[0], new int[0], leafValue);
    int internal = leaves - 1;
    int[] dt = ints(b.get("decision_type"), internal);
    byte[] decision = new byte[internal];
    for (int i = 0; i < internal; i++) {
      if ((dt[i] & 1) != 0) throw new IllegalArgumentException("LightGBM model has a categorical split");
      decision[i] = (byte) dt[i];
    }
    return new Tree(ints(b.get("split_feature"), internal), doubles(b.get("threshold"), internal), decision,
        ints(b.get("left_child"), internal), ints(b.get("right_child"), internal), leafValue);
  }

  private static int[] ints(String s, int n) {
    String[] p = s.trim().split(" ");
    if (p.length != n) throw new IllegalArgumentException("LightGBM tree: expected " + n + " values, got " + p.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = Integer.parseInt(p[i]);
    return out;
  }

  private static double[] doubles(String s, int n) {
    String[] p = s.trim().split(" ");
    if (p.length != n) throw new IllegalArgumentException("LightGBM tree: expected " + n + " values, got " + p.length);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = number(p[i]);
    return out;
  }

  /** A number as LightGBM prints it (C++ streams write inf, -inf and nan). */
  private static double number(String s) {
    return switch (s) {
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  int features() {
    return features;
  }

  /**
   * The raw scores of {@code rows} rows of a row-major matrix with {@code width} columns, into
   * {@code out}. Tree by tree over all rows, so one tree's arrays stay in cache.
   */
  void score(float[] x, int rows, int width, double[] out) {
    java.util.Arrays.fill(out, 0, rows, 0);
    for (Tree t : trees) {
      if (t.feature.length == 0) {
        for (int r = 0; r < rows; r++) out[r] += t.leafValue[0];
        continue;
      }
      int[] feature = t.feature;
      double[] threshold = t.threshold;
      byte[] decision = t.decision;
      int[] leftChild = t.left;
      int[] rightChild = t.right;
      for (int r = 0, o = 0; r < rows; r++, o += width) {
        int node = 0;
        while (node >= 0) {
          double v = x[o + feature[node]];
          int d = decision[node];
          boolean left;
          if ((d & 12) == 0) { // no missing-value handling: the common case
            left = v <= threshold[node] || (Double.isNaN(v) && 0 <= threshold[node]);
          } else {
            int missing = (d >> 2) & 3;
            if (Double.isNaN(v) && missing != 2) v = 0;
            if ((missing == 1 && v >= -ZERO && v <= ZERO) || (missing == 2 && Double.isNaN(v))) left = (d & 2) != 0;
            else left = v <= threshold[node];
          }
          node = left ? leftChild[node] : rightChild[node];
        }
        out[r] += t.leafValue[~node];
      }
    }
  }
}
