package io.shopsense.search.rank;

import io.shopsense.recommend.mf.Cholesky;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transparent linear ranker: {@code score = bias + sum_i w_i (x_i - c_i) / s_i}, so each term is
 * the feature's contribution. Serves before there are enough logged searches for LambdaMART, with
 * either hand-set weights ({@link #handSet()}, on raw features) or weights fitted by L2-regularised
 * logistic regression (pointwise, soft target {@code label / 3}, features standardised), solved by
 * Newton's method (iteratively reweighted least squares): each step is O(rows x F^2) plus an F x F
 * Cholesky solve, and 10-20 steps converge. Immutable and thread-safe.
 */
public final class LinearRanker implements Ranker {
  private static final Logger LOG = LoggerFactory.getLogger(LinearRanker.class);
  static final String HEADER = "shopsense-ranker linear 1";
  /** Rows used for fitting at most (a deterministic stride sample beyond this). */
  static final int MAX_FIT_ROWS = 300_000;

  private final double bias;
  private final double[] weights;
  private final double[] center;
  private final double[] scale;

  public LinearRanker(double bias, double[] weights, double[] center, double[] scale) {
    if (weights.length != Feature.COUNT || center.length != Feature.COUNT || scale.length != Feature.COUNT) {
      throw new IllegalArgumentException("a linear ranker needs " + Feature.COUNT + " weights, centres and scales");
    }
    for (double s : scale) if (!(s > 0)) throw new IllegalArgumentException("scales must be > 0");
    this.bias = bias;
    this.weights = weights.clone();
    this.center = center.clone();
    this.scale = scale.clone();
  }

  /**
   * Hand-set weights on the raw features for a store without logged searches: retrieval order
   * first, then title words and query intent, the shopper's brand, category, shop and price band,
   * and the item's popularity for the query. Features are centred at typical values (so the terms
   * rank identically but read as how much a result stands out, for explanations).
   */
  public static LinearRanker handSet() {
    double[] w = new double[Feature.COUNT];
    w[Feature.RETRIEVAL_RANK.ordinal()] = 1.0;
    w[Feature.TITLE_MATCH.ordinal()] = 0.5;
    w[Feature.INTENT_CATEGORY.ordinal()] = 0.5;
    w[Feature.USER_CATEGORY.ordinal()] = 0.3;
    w[Feature.USER_BRAND.ordinal()] = 0.6;
    w[Feature.USER_SHOP.ordinal()] = 0.3;
    w[Feature.USER_PRICE_BAND.ordinal()] = 0.4;
    w[Feature.QUERY_CTR.ordinal()] = 1.0;
    w[Feature.POPULARITY.ordinal()] = 0.05;
    w[Feature.ON_PROMOTION.ordinal()] = 0.05;
    w[Feature.IN_STOCK.ordinal()] = 0.2;
    // centres at typical values, so a contribution says how much this result stands out (a reason)
    double[] c = new double[Feature.COUNT];
    c[Feature.RETRIEVAL_RANK.ordinal()] = 0.25; // about the 15th candidate
    c[Feature.TITLE_MATCH.ordinal()] = 0.5;
    c[Feature.INTENT_CATEGORY.ordinal()] = 0.5;
    c[Feature.IN_STOCK.ordinal()] = 1;
    double[] ones = new double[Feature.COUNT];
    Arrays.fill(ones, 1);
    return new LinearRanker(0, w, c, ones);
  }

  /**
   * Fits logistic regression on the training set.
   *
   * @param l2 ridge penalty on the standardised weights ({@code rank.linear.l2})
   */
  public static LinearRanker fit(TrainingSet data, double l2) {
    int f = Feature.COUNT;
    int n = data.rows();
    if (n == 0) throw new IllegalArgumentException("no training rows");
    int stride = Math.max(1, (int) Math.ceil((double) n / MAX_FIT_ROWS));
    float[] x = data.features();
    double[] mean = new double[f];
    double[] sd = new double[f];
    int m = 0;
    for (int r = 0; r < n; r += stride, m++) for (int j = 0; j < f; j++) mean[j] += x[r * f + j];
    for (int j = 0; j < f; j++) mean[j] /= m;
    for (int r = 0; r < n; r += stride) {
      for (int j = 0; j < f; j++) {
        double d = x[r * f + j] - mean[j];
        sd[j] += d * d;
      }
    }
    for (int j = 0; j < f; j++) {
      sd[j] = Math.sqrt(sd[j] / m);
      if (!(sd[j] > 1e-9)) sd[j] = 1; // a constant feature: its weight stays 0 under the penalty
    }
    int d = f + 1; // weights, then the bias
    double[] beta = new double[d];
    double[] z = new double[d];
    long t0 = System.nanoTime();
    int it = 0;
    double step = Double.NaN;
    while (it < 25) {
      it++;
      double[] h = new double[d * d];
      double[] g = new double[d];
      for (int r = 0; r < n; r += stride) {
        for (int j = 0; j < f; j++) z[j] = (x[r * f + j] - mean[j]) / sd[j];
        z[f] = 1;
        double s = 0;
        for (int j = 0; j < d; j++) s += beta[j] * z[j];
        double p = 1 / (1 + Math.exp(-s));
        double t = Math.min(3, Math.max(0, data.labels()[r])) / 3.0;
        double wr = data.weights()[r];
        double gr = wr * (p - t);
        double hr = wr * Math.max(p * (1 - p), 1e-6);
        for (int a = 0; a < d; a++) {
          g[a] += gr * z[a];
          double ha = hr * z[a];
          for (int b = 0; b <= a; b++) h[a * d + b] += ha * z[b];
        }
      }
      for (int j = 0; j < f; j++) {
        g[j] += l2 * beta[j];
        h[j * d + j] += l2;
      }
      h[f * d + f] += 1e-9;
      if (!Cholesky.solve(h, d, g)) throw new IllegalStateException("logistic regression Hessian is not positive definite");
      step = 0;
      for (int j = 0; j < d; j++) {
        beta[j] -= g[j];
        step = Math.max(step, Math.abs(g[j]));
      }
      if (step < 1e-6) break;
    }
    LOG.info("linear ranker: logistic regression on {} rows, {} Newton steps (last step {}) in {} s", m, it,
        String.format(Locale.ROOT, "%.1e", step), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return new LinearRanker(beta[f], Arrays.copyOf(beta, f), mean, sd);
  }

  @Override
  public String kind() {
    return "linear";
  }

  @Override
  public double[] score(float[] features, int rows) {
    double[] out = new double[rows];
    int f = Feature.COUNT;
    for (int r = 0; r < rows; r++) {
      double s = bias;
      for (int j = 0; j < f; j++) s += weights[j] * (features[r * f + j] - center[j]) / scale[j];
      out[r] = s;
    }
    return out;
  }

  @Override
  public double[] contributions(float[] features, int row) {
    double[] c = new double[Feature.COUNT];
    int o = row * Feature.COUNT;
    for (int j = 0; j < c.length; j++) c[j] = weights[j] * (features[o + j] - center[j]) / scale[j];
    return c;
  }

  /** The weight of a feature (per standard deviation for fitted rankers, per unit for hand-set ones). */
  public double weight(Feature f) {
    return weights[f.ordinal()];
  }

  @Override
  public String save() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    sb.append("features ").append(String.join(",", Feature.names())).append('\n');
    sb.append("bias ").append(Double.toString(bias)).append('\n');
    for (Feature ft : Feature.values()) {
      int j = ft.ordinal();
      sb.append(String.format(Locale.ROOT, "weight %s %s %s %s%n", ft.wireName(), Double.toString(weights[j]),
          Double.toString(center[j]), Double.toString(scale[j])));
    }
    return sb.toString();
  }

  /** Reads {@link #save()}'s text. */
  static LinearRanker load(String text) {
    String[] lines = text.split("\n");
    if (lines.length < 3 || !lines[0].trim().equals(HEADER)) throw new IllegalArgumentException("not a linear ranker");
    Rankers.checkFeatures(lines[1].trim());
    double bias = Double.parseDouble(lines[2].trim().substring("bias ".length()));
    double[] w = new double[Feature.COUNT];
    double[] c = new double[Feature.COUNT];
    double[] s = new double[Feature.COUNT];
    for (int i = 0; i < Feature.COUNT; i++) {
      String[] p = lines[3 + i].trim().split(" ");
      if (p.length != 5 || !p[0].equals("weight") || !p[1].equals(Feature.values()[i].wireName())) {
        throw new IllegalArgumentException("linear ranker line " + (4 + i) + ": expected weight " + Feature.values()[i].wireName());
      }
      w[i] = Double.parseDouble(p[2]);
      c[i] = Double.parseDouble(p[3]);
      s[i] = Double.parseDouble(p[4]);
    }
    return new LinearRanker(bias, w, c, s);
  }
}
