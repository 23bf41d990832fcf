package io.shopsense.recommend.mf;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
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
 * <p>Parallel lock-free SGD (Hogwild!, Recht, Ré, Wright &amp; Niu, NIPS 2011): each of
 * {@link TrainContext#threads()} workers samples with its own generator, split from the seed, and
 * updates the shared factor arrays without locks; the updates rarely touch the same rows, and a
 * lost update only perturbs SGD noise. Hence with one thread the model is bit-reproducible for a
 * seed, and with more threads it is not (the interleaving varies between runs).
 *
 * <p>Cost: O(epochs · nnz · f) time (one epoch = nnz sampled updates) plus O(log n_u) per negative
 * check; memory: (users + items) · f floats and one int per non-zero (the user of each non-zero).
 * Keys: {@code bpr.*}.
 */
public final class Bpr implements Recommender {
  private static final Logger log = LoggerFactory.getLogger(Bpr.class);
  public static final String NAME = "bpr";
  /** Attempts to draw an item the user has not interacted with before skipping the sample. */
  private static final int NEGATIVE_TRIES = 16;

  private final int factors;
  private final float learningRate;
  private final float regularization;
  private final int epochs;
  private final boolean itemBias;

  /** Reads and validates {@code bpr.factors, bpr.learning_rate, bpr.regularization, bpr.epochs, bpr.item_bias}. */
  public Bpr(Config config) {
    this.factors = Params.intIn(config, "bpr.factors", 1, 1024);
    this.learningRate = Params.positive(config, "bpr.learning_rate");
    this.regularization = Params.nonNegative(config, "bpr.regularization");
    this.epochs = Params.intIn(config, "bpr.epochs", 1, 100_000);
    this.itemBias = config.getBoolean("bpr.item_bias");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FactorModel fit(InteractionMatrix data, TrainContext ctx) {
    return fit(data, ctx, TrainingListener.NONE);
  }

  /** Fits, telling the listener after every epoch (loss: share of sampled triples ordered wrongly). */
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
    int threads = ctx.threads();
    SplittableRandom[] rngs = new SplittableRandom[threads];
    for (int w = 0; w < threads; w++) rngs[w] = root.split();
    long[] wrong = new long[threads * 8]; // one counter per worker, spaced a cache line apart
    try (WorkerPool pool = new WorkerPool(threads, NAME)) {
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long t0 = System.nanoTime();
        Arrays.fill(wrong, 0);
        pool.forEachWorker(w -> {
          long n = nnz / threads + (w == 0 ? nnz % threads : 0);
          wrong[w * 8] = run(data, rowOf, u, v, bias, rngs[w], n);
        });
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

  /** Runs n sampled updates; returns how many sampled triples were ordered wrongly before their update. */
  private long run(InteractionMatrix data, int[] rowOf, float[] u, float[] v, float[] bias, SplittableRandom rnd, long n) {
    int f = factors;
    int ni = data.cols();
    int nnz = rowOf.length;
    int[] cols = data.colIndex();
    int[] ptr = data.rowPointers();
    float lr = learningRate;
    float reg = regularization;
    long wrong = 0;
    for (long s = 0; s < n; s++) {
      int q = rnd.nextInt(nnz);
      int user = rowOf[q];
      int i = cols[q];
      int j = -1;
      for (int t = 0; t < NEGATIVE_TRIES; t++) {
        int c = rnd.nextInt(ni);
        if (Arrays.binarySearch(cols, ptr[user], ptr[user + 1], c) < 0) {
          j = c;
          break;
        }
      }
      if (j < 0) continue; // the user has (nearly) every item: no negative to learn from
      int uo = user * f;
      int io = i * f;
      int jo = j * f;
      float x = MfKernels.dot(u, uo, v, io, f) - MfKernels.dot(u, uo, v, jo, f);
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
    return wrong;
  }

  @Override
  public FactorModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return FactorModel.read(in, data, NAME);
  }
}
