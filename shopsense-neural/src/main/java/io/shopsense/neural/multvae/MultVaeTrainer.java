package io.shopsense.neural.multvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.neural.DjlRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the Mult-VAE network with DJL on PyTorch (CPU) and exports its weights for plain-Java
 * serving ({@link MultVaeWeights}). One training step, for a batch of B users' 0/1 rows x:
 * <pre>
 *   x̃ = dropout(x / ‖x‖₂)                       (training only)
 *   [μ, log σ²] = tanh(x̃ W1 + b1) Wq + bq        (n -> h -> 2d)
 *   z = μ + ε σ,  ε ~ N(0, I)                     (reparameterisation)
 *   logits = tanh(z W2 + b2) W3 + b3              (d -> h -> n)
 *   loss = −mean_B Σ_i x_i log softmax(logits)_i + β · mean_B KL(N(μ, σ²) ‖ N(0, I))
 * </pre>
 * with Adam and β annealed linearly ({@link MultVaeParams#beta}). Weights start Xavier-uniform and
 * biases N(0, 0.001²), as in the authors' code. Users are shuffled each epoch with a Java generator
 * seeded from the training seed; PyTorch's generator (initialisation, dropout, ε) is seeded with it too.
 *
 * <p>Cost per epoch: O(U (n h + h d)) multiply-adds, three times over for the backward pass, on dense
 * B x n batches (ML-1M, 6,040 users x 3,706 items: about 1.4·10^11 flops an epoch). Holds the PyTorch
 * engine ({@link DjlRuntime}) from construction to {@link #close}; native memory: the weights and two
 * Adam moments, 3 x 4 (2 n h + 3 h d) bytes, plus a batch.
 */
public final class MultVaeTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MultVaeTrainer.class);
  private final MultVaeParams p;
  private final long seed;
  private final int n;
  private final Engine engine;
  private final NDManager manager;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private boolean closed;

  /**
   * Takes the engine (waiting for another trainer to finish) and initialises the network.
   *
   * @param items n, the number of items
   */
  public MultVaeTrainer(MultVaeParams params, int items, long seed, int threads) {
    this.p = params;
    this.seed = seed;
    this.n = items;
    this.engine = DjlRuntime.acquire(seed, threads);
    NDManager m = null;
    try {
      m = engine.newBaseManager();
      this.manager = m;
      int h = p.hidden(), d = p.latent();
      param("w1", xavier(n, h));
      param("b1", bias(h));
      param("wq", xavier(h, 2 * d));
      param("bq", bias(2 * d));
      param("w2", xavier(d, h));
      param("b2", bias(h));
      param("w3", xavier(h, n));
      param("b3", bias(n));
    } catch (RuntimeException | Error e) {
      if (m != null) m.close();
      DjlRuntime.release();
      throw e;
    }
  }

  private void param(String name, NDArray a) {
    a.setRequiresGradient(true);
    params.put(name, a);
  }

  /** Glorot & Bengio's uniform initialisation for a fanIn x fanOut weight. */
  private NDArray xavier(int fanIn, int fanOut) {
    float a = (float) Math.sqrt(6.0 / (fanIn + fanOut));
    return manager.randomUniform(-a, a, new Shape(fanIn, fanOut));
  }

  private NDArray bias(int len) {
    return manager.randomNormal(0f, 0.001f, new Shape(len), ai.djl.ndarray.types.DataType.FLOAT32);
  }

  /**
   * Runs the epochs over the users with at least one interaction (weights above 0 count as 1).
   *
   * @return the mean loss of the last epoch
   */
  public double train(InteractionMatrix data) {
    if (data.cols() != n) throw new IllegalArgumentException("matrix has " + data.cols() + " items, network " + n);
    int[] users = activeUsers(data);
    if (users.length == 0) {
      LOG.info("multvae: no user has interactions; the network keeps its initial weights");
      return Double.NaN;
    }
    int batch = Math.min(p.batch(), users.length);
    int batches = (users.length + batch - 1) / batch;
    long total = (long) batches * p.epochs();
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) p.learningRate())).build();
    SplittableRandom shuffle = new SplittableRandom(seed);
    long step = 0;
    double last = Double.NaN;
    int reported = 0;
    long t0 = System.nanoTime();
    for (int epoch = 1; epoch <= p.epochs(); epoch++) {
      shuffle(users, shuffle);
      double sum = 0;
      for (int b = 0; b < batches; b++) {
        int from = b * batch, to = Math.min(users.length, from + batch);
        sum += step(data, users, from, to, (float) p.beta(step, total), adam) * (to - from);
        step++;
      }
      last = sum / users.length;
      if (!Double.isFinite(last)) {
        throw new IllegalStateException("multvae: the loss became " + last + " in epoch " + epoch
            + "; lower multvae.learning_rate (" + p.learningRate() + ")");
      }
      int pct = epoch * 100 / p.epochs();
      if (pct / 10 > reported / 10 || epoch == p.epochs()) {
        reported = pct;
        LOG.info("multvae: epoch {}/{} ({}%), loss {}, beta {}, {} s", epoch, p.epochs(), pct,
            String.format("%.3f", last), String.format("%.3f", p.beta(step, total)),
            String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      }
    }
    return last;
  }

  /** One Adam step on users[from..to); returns the batch's loss. */
  private double step(InteractionMatrix data, int[] users, int from, int to, float beta, Optimizer adam) {
    double loss;
    try (NDManager bm = manager.newSubManager()) {
      NDArray x = rows(bm, data, users, from, to);
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray xn = normalise(x);
        if (p.dropout() > 0) xn = Dropout.dropout(xn, (float) p.dropout(), true).singletonOrThrow();
        NDArray q = encode(xn);
        int d = p.latent();
        NDArray mu = q.get(":, 0:" + d);
        NDArray logVar = q.get(":, " + d + ":");
        NDArray z = mu.add(bm.randomNormal(mu.getShape()).mul(logVar.mul(0.5f).exp()));
        NDArray nll = decode(z).logSoftmax(1).mul(x).sum(new int[] {1}).mean().neg();
        NDArray kl = logVar.exp().add(mu.square()).sub(logVar).sub(1f).sum(new int[] {1}).mean().mul(0.5f);
        NDArray total = nll.add(kl.mul(beta));
        gc.backward(total);
        loss = total.getFloat();
      }
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        NDArray w = e.getValue();
        try (NDArray g = w.getGradient()) {
          adam.update(e.getKey(), w, g);
        }
        JniUtils.zeroGrad((PtNDArray) w); // PyTorch accumulates gradients and DJL's collector does not reset them
      }
    }
    return loss;
  }

  /** Rows x / ‖x‖₂ (x is 0/1, so ‖x‖₂² is the row sum; every batch row has an item). */
  private static NDArray normalise(NDArray x) {
    return x.div(x.sum(new int[] {1}, true).sqrt());
  }

  private NDArray encode(NDArray xn) {
    return xn.matMul(params.get("w1")).add(params.get("b1")).tanh().matMul(params.get("wq")).add(params.get("bq"));
  }

  private NDArray decode(NDArray z) {
    return z.matMul(params.get("w2")).add(params.get("b2")).tanh().matMul(params.get("w3")).add(params.get("b3"));
  }

  /**
   * DJL's own forward pass at the encoder's mean (no dropout, no sampling): the logits of the
   * given users' current 0/1 rows, users x n. What {@link MultVaeModel} computes in Java; kept for the
   * test that compares the two.
   */
  public float[][] logitsAtMean(InteractionMatrix data, int[] users) {
    float[][] out = new float[users.length][];
    try (NDManager bm = manager.newSubManager()) {
      NDArray x = rows(bm, data, users, 0, users.length);
      NDArray s = x.sum(new int[] {1}, true);
      NDArray xn = x.div(s.sqrt().maximum(1e-30f)); // an empty row stays 0, as MultVaeModel reads it
      NDArray logits = decode(encode(xn).get(":, 0:" + p.latent()));
      float[] flat = logits.toFloatArray();
      for (int u = 0; u < users.length; u++) out[u] = java.util.Arrays.copyOfRange(flat, u * n, (u + 1) * n);
    }
    return out;
  }

  /** Copies the serving weights out of the network (the μ half of the encoder's last layer). */
  public MultVaeWeights export() {
    int d = p.latent();
    NDArray wq = params.get("wq"), bq = params.get("bq");
    try (NDArray wMu = wq.get(":, 0:" + d); NDArray bMu = bq.get("0:" + d)) {
      return new MultVaeWeights(n, p.hidden(), d, params.get("w1").toFloatArray(), params.get("b1").toFloatArray(),
          wMu.toFloatArray(), bMu.toFloatArray(), params.get("w2").toFloatArray(), params.get("b2").toFloatArray(),
          params.get("w3").toFloatArray(), params.get("b3").toFloatArray());
    }
  }

  /** The 0/1 rows of users[from..to) as a dense (to - from) x n array. */
  private NDArray rows(NDManager bm, InteractionMatrix data, int[] users, int from, int to) {
    float[] x = new float[Math.multiplyExact(to - from, n)];
    int[] cols = data.colIndex();
    float[] vals = data.values();
    for (int r = from; r < to; r++) {
      int u = users[r], off = (r - from) * n;
      for (int q = data.rowStart(u); q < data.rowEnd(u); q++) if (vals[q] > 0) x[off + cols[q]] = 1f;
    }
    return bm.create(x, new Shape(to - from, n));
  }

  private static int[] activeUsers(InteractionMatrix data) {
    int[] out = new int[data.rows()];
    int k = 0;
    float[] vals = data.values();
    for (int u = 0; u < data.rows(); u++) {
      for (int q = data.rowStart(u); q < data.rowEnd(u); q++) {
        if (vals[q] > 0) {
          out[k++] = u;
          break;
        }
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Frees the network and lets the next trainer have the engine. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      manager.close();
    } finally {
      DjlRuntime.release();
    }
  }
}
