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
 * depth) per row; immutable and thread-safe. Explanations ({@link #contributions}) are computed here
 * too, by {@link TreeShap}.
 */
final class TreeEnsemble {
  private static final double ZERO = 1e-35;

  /**
   * One tree as parallel arrays over its internal nodes; leaves in {@code leafValue}. The training
   * rows that reached each node ({@code internalCount}, {@code leafCount}) weigh the branches in
   * {@link TreeShap}; {@code depth} is the longest root-to-leaf path in internal nodes.
   */
  record Tree(int[] feature, double[] threshold, byte[] decision, int[] left, int[] right, double[] leafValue,
      int[] internalCount, int[] leafCount, int depth) {
    /** The child that a row with value {@code v} of this node's feature goes to (LightGBM's NumericalDecision). */
    int child(int node, double v) {
      int d = decision[node];
      boolean goLeft;
      if ((d & 12) == 0) { // no missing-value handling: the common case
        goLeft = v <= threshold[node] || (Double.isNaN(v) && 0 <= threshold[node]);
      } else {
        int missing = (d >> 2) & 3;
        if (Double.isNaN(v) && missing != 2) v = 0;
        if ((missing == 1 && v >= -ZERO && v <= ZERO) || (missing == 2 && Double.isNaN(v))) goLeft = (d & 2) != 0;
        else goLeft = v <= threshold[node];
      }
      return goLeft ? left[node] : right[node];
    }

    /** Training rows that reached a node (>= 0) or leaf (~node). */
    int count(int node) {
      return node >= 0 ? internalCount[node] : leafCount[~node];
    }
  }

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
    if (leaves == 1) {
      return new Tree(new int[0], new double[0], new byte[0], new int[0], new int[0], leafValue, new int[0], new int[1], 0);
    }
    int internal = leaves - 1;
    int[] dt = ints(b.get("decision_type"), internal);
    byte[] decision = new byte[internal];
    for (int i = 0; i < internal; i++) {
      if ((dt[i] & 1) != 0) throw new IllegalArgumentException("LightGBM model has a categorical split");
      decision[i] = (byte) dt[i];
    }
    int[] left = ints(b.get("left_child"), internal);
    int[] right = ints(b.get("right_child"), internal);
    return new Tree(ints(b.get("split_feature"), internal), doubles(b.get("threshold"), internal), decision, left, right,
        leafValue, ints(required(b, "internal_count"), internal), ints(required(b, "leaf_count"), leaves),
        depth(left, right, 0));
  }

  private static String required(Map<String, String> b, String key) {
    String v = b.get(key);
    if (v == null) throw new IllegalArgumentException("LightGBM tree has no " + key);
    return v;
  }

  /** Internal nodes on the longest path from {@code node} down to a leaf. */
  private static int depth(int[] left, int[] right, int node) {
    if (node < 0) return 0;
    return 1 + Math.max(depth(left, right, left[node]), depth(left, right, right[node]));
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
      for (int r = 0, o = 0; r < rows; r++, o += width) {
        int node = 0;
        while (node >= 0) node = t.child(node, x[o + feature[node]]);
        out[r] += t.leafValue[~node];
      }
    }
  }

  /**
   * The SHAP value of every feature for row {@code row} of a row-major matrix with {@code width}
   * columns ({@link TreeShap}): {@link #features()} values that add up, with {@link
   * #expectedValue()}, to the row's raw score.
   */
  double[] contributions(float[] x, int row, int width) {
    double[] phi = new double[features];
    TreeShap shap = new TreeShap(maxDepth());
    for (Tree t : trees) shap.add(t, x, row * width, phi);
    return phi;
  }

  /** The mean raw score over the training rows: the sum of each tree's count-weighted leaf values. */
  double expectedValue() {
    double e = 0;
    for (Tree t : trees) {
      if (t.feature.length == 0) {
        e += t.leafValue[0];
        continue;
      }
      double total = t.internalCount[0];
      for (int leaf = 0; leaf < t.leafValue.length; leaf++) e += t.leafCount[leaf] / total * t.leafValue[leaf];
    }
    return e;
  }

  private int maxDepth() {
    int d = 0;
    for (Tree t : trees) d = Math.max(d, t.depth);
    return d;
  }
}
