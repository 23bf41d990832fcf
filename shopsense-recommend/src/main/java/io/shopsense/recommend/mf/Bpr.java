package io.shopsense.recommend.mf;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.TrainContext;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bayesian personalized ranking: Rendle, Freudenthaler, Gantner &amp; Schmidt-Thieme, "BPR: Bayesian
 * Personalized Ranking from Implicit Feedback", UAI 2009. Maximizes BPR-Opt {@code Σ ln σ(x_ui −
 * x_uj) − λ‖Θ‖²} over triples (user, interacted item i, other item j) by stochastic gradient ascent
 * with bootstrap sampling: an interaction (u, i) is drawn uniformly from the non-zeros (any weight
 * counts as a positive) and j uniformly from the items u has not interacted with. {@code x_ui = U_u ·
 * V_i (+ b_i)}; the item bias is optional ({@code bpr.item_bias}).
 *
 * <p>Two standard refinements, both off by default (the defaults give the plain algorithm bit for
 * bit): {@code bpr.learning_rate_decay} γ multiplies the step size by γ after every epoch (a
 * Robbins-Monro style decreasing schedule, Bottou, "Stochastic Gradient Descent Tricks", 2012), and
 * {@code bpr.negative_candidates} m draws m negatives per triple and keeps the one the model
 * currently scores highest (dynamic negative sampling, Zhang, Chen, Wang &amp; Yu, "Optimizing Top-N
 * Collaborative Filtering via Dynamic Negative Item Sampling", SIGIR 2013): uniform negatives are
 * mostly already ranked low and give a vanishing gradient, the hardest of m is informative.
 *
 * <p>Parallel lock-free SGD (Hogwild!, Recht, Ré, Wright &amp; Niu, NIPS 2011): each of
 * {@link TrainContext#threads()} workers samples with its own generator, split from the seed, and
 * updates the shared factor arrays without locks; the updates rarely touch the same rows, and a
 * lost update only perturbs SGD noise. Hence with one thread the model is bit-reproducible for a
 * seed, and with more threads it is not (the interleaving varies between runs).
 *
 * <p>Cost: O(epochs · nnz · m · f) time (one epoch = nnz sampled updates); a negative check is one
 * bitset load for long rows and a branch-free binary search for short ones ({@link RowMembership}).
 * Memory: (users + items) · f floats, one int per non-zero (the user of each non-zero) and at most
 * as much again for the bitsets.
 * Keys: {@code bpr.*}.
 */
public final class Bpr implements IterativeRecommender {
  private static final Logger log = LoggerFactory.getLogger(Bpr.class);
  public static final String NAME = "bpr";
  /** Attempts to draw an item the user has not interacted with before skipping the sample. */
  private static final int NEGATIVE_TRIES = 16;
  /** Samples drawn ahead of their updates so their cache misses overlap. */
  private static final int BATCH = 32;
  @SuppressWarnings("unused")
  private static volatile float sink;

  private final int factors;
  private final float learningRate;
  private final float regularization;
  private final int epochs;
  private final boolean itemBias;
  private final float learningRateDecay;
  private final int negativeCandidates;

  /**
   * Reads and validates {@code bpr.factors, bpr.learning_rate, bpr.regularization, bpr.epochs,
   * bpr.item_bias, bpr.learning_rate_decay, bpr.negative_candidates}.
   */
  public Bpr(Config config) {
    this.factors = Params.intIn(config, "bpr.factors", 1, 1024);
    this.learningRate = (float) Params.doubleIn(config, "bpr.learning_rate", 1e-9, 10);
    this.regularization = (float) Params.doubleIn(config, "bpr.regularization", 0, 1e6);
    this.epochs = Params.intIn(config, "bpr.epochs", 1, 100_000);
    this.itemBias = config.getBoolean("bpr.item_bias");
    this.learningRateDecay = (float) Params.doubleIn(config, "bpr.learning_rate_decay", 1e-6, 1);
    this.negativeCandidates = Params.intIn(config, "bpr.negative_candidates", 1, 1024);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String unit() {
    return "epoch";
  }

  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx) {
    return fit(data, ctx, TrainingListener.NONE);
  }

  /** Fits, telling the listener after every epoch (loss: share of sampled triples ordered wrongly). */
  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx, TrainingListener listener) {
    int f = factors;
    int nu = data.rows();
    int ni = data.cols();
    int nnz = data.nnz();
    float[] u = new float[Math.multiplyExact(nu, f)];
    float[] v = new float[Math.multiplyExact(ni, f)];
    float[] bias = itemBias ? new float[ni] : null;
    SplittableRandom root = new SplittableRandom(ctx.seed());
    double scale = 0.1 / Math.sqrt(f);
    for (int k = 0; k < u.length; k++) u[k] = (float) (root.nextGaussian() * scale);
    for (int k = 0; k < v.length; k++) v[k] = (float) (root.nextGaussian() * scale);
    if (nnz == 0 || ni < 2) return new FactorModel(NAME, f, u, v, bias, Float.NaN, Float.NaN);
    int[] rowOf = new int[nnz];
    for (int r = 0; r < nu; r++) Arrays.fill(rowOf, data.rowStart(r), data.rowEnd(r), r);
    RowMembership positives = new RowMembership(data);
    int threads = ctx.threads();
    SplittableRandom[] rngs = new SplittableRandom[threads];
    for (int w = 0; w < threads; w++) rngs[w] = root.split();
    long[] wrong = new long[threads * 8]; // one counter per worker, spaced a cache line apart
    float lr = learningRate;
    try (WorkerPool pool = new WorkerPool(threads, NAME)) {
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long t0 = System.nanoTime();
        Arrays.fill(wrong, 0);
        float epochLr = lr;
        pool.forEachWorker(w -> {
          long n = nnz / threads + (w == 0 ? nnz % threads : 0);
          wrong[w * 8] = run(data, positives, rowOf, u, v, bias, rngs[w], n, epochLr);
        });
        lr *= learningRateDecay; // γ = 1 (the default) leaves it exactly as it was
        double sec = (System.nanoTime() - t0) / 1e9;
        long bad = 0;
        for (int w = 0; w < threads; w++) bad += wrong[w * 8];
        double loss = (double) bad / nnz;
        log.info("bpr: epoch {}/{} ({}%) in {} s, {} M updates/s, {}% of triples misordered", epoch, epochs,
            100 * epoch / epochs, String.format("%.3f", sec), String.format("%.2f", nnz / sec / 1e6), String.format("%.1f", 100 * loss));
        listener.iteration(epoch, epochs, sec, loss);
      }
    }
    return new FactorModel(NAME, f, u, v, bias, Float.NaN, Float.NaN);
  }

  /**
   * Runs n sampled updates; returns how many sampled triples were ordered wrongly before their
   * update. Samples are drawn {@value #BATCH} at a time and their rows touched before any update:
   * the random rows miss the cache, and issuing those loads together lets the misses overlap
   * instead of queueing behind one another (Java has no prefetch instruction). With m negative
   * candidates each sample holds m draws, and the highest-scored one is chosen just before its
   * update, with the factors as they are then.
   */
  private long run(InteractionMatrix data, RowMembership positives, int[] rowOf, float[] u, float[] v, float[] bias,
      SplittableRandom rnd, long n, float lr) {
    int f = factors;
    int ni = data.cols();
    int nnz = rowOf.length;
    int[] cols = data.colIndex();
    int m1 = negativeCandidates;
    float reg = regularization;
    int[] bu = new int[BATCH];
    int[] bi = new int[BATCH];
    int[] bj = new int[BATCH * m1];
    long wrong = 0;
    float touched = 0;
    for (long s = 0; s < n; s += BATCH) {
      int m = (int) Math.min(BATCH, n - s);
      for (int b = 0; b < m; b++) {
        int q = rnd.nextInt(nnz);
        bu[b] = rowOf[q];
        bi[b] = cols[q];
      }
      for (int b = 0; b < m; b++) {
        for (int c = 0; c < m1; c++) {
          int j = -1;
          for (int t = 0; t < NEGATIVE_TRIES && j < 0; t++) {
            int cand = rnd.nextInt(ni);
            if (!positives.contains(bu[b], cand)) j = cand;
          }
          bj[b * m1 + c] = j;
          if (j < 0) continue;
          // one float per 64-byte cache line of each row
          for (int k = 0, uo = bu[b] * f, io = bi[b] * f, jo = j * f; k < f; k += 16) touched += u[uo + k] + v[io + k] + v[jo + k];
        }
      }
      for (int b = 0; b < m; b++) {
        int i = bi[b];
        int uo = bu[b] * f;
        int j = m1 == 1 ? bj[b] : hardest(bj, b * m1, m1, u, uo, v, bias);
        if (j < 0) continue; // the user has (nearly) every item: no negative to learn from
        int io = i * f;
        int jo = j * f;
        float x = MfKernels.dotDiff(u, uo, v, io, jo, f);
        if (bias != null) x += bias[i] - bias[j];
        if (x <= 0) wrong++;
        // d/dx ln σ(x) = σ(−x)
        float z = (float) (1.0 / (1.0 + Math.exp(x)));
        MfKernels.bprStep(u, uo, v, io, jo, f, z, lr, reg);
        if (bias != null) {
          bias[i] += lr * (z - reg * bias[i]);
          bias[j] += lr * (-z - reg * bias[j]);
        }
      }
    }
    sink = touched; // keeps the touching loads from being optimized away
    return wrong;
  }

  /** The candidate of {@code cand[from, from + m)} with the highest score for the user, -1 if none was drawn. */
  private int hardest(int[] cand, int from, int m, float[] u, int uo, float[] v, float[] bias) {
    int f = factors;
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int c = from; c < from + m; c++) {
      int j = cand[c];
      if (j < 0) continue;
      float s = MfKernels.dot(u, uo, v, j * f, f) + (bias != null ? bias[j] : 0f);
      if (best < 0 || s > bestScore) {
        best = j;
        bestScore = s;
      }
    }
    return best;
  }

  @Override
  public FactorModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return FactorModel.read(in, data, NAME);
  }
}
