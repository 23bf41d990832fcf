package io.shopsense.neural.multvae;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Mult-VAE, "Variational Autoencoders for Collaborative Filtering" (Liang, Krishnan, Hoffman &amp;
 * Jebara, WWW 2018): a variational autoencoder over each user's 0/1 item row with a multinomial
 * likelihood over the items and a KL term whose weight β is annealed up to {@code multvae.beta_max}.
 * Encoder [n -> h -> 2d] and decoder [d -> h -> n], tanh, dropout on the normalised input.
 *
 * <p>Trained with DJL on PyTorch CPU ({@link MultVaeTrainer}, O(epochs · U · (n h + h d)) with dense
 * batches); served in plain Java by {@link MultVaeModel} from the exported weights, so reading a
 * model and scoring never load PyTorch. Creating this class does not load PyTorch either: only
 * {@link #fit} does. Hyper-parameters: {@link MultVaeParams} ({@code multvae.*}); the seed and the
 * threads come from the {@link TrainContext}.
 */
public final class MultVae implements Recommender {
  public static final String NAME = "multvae";
  private final MultVaeParams params;

  /** @throws IllegalArgumentException naming the key of a bad {@code multvae.*} value */
  public MultVae(Config config) {
    this.params = MultVaeParams.from(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The validated hyper-parameters. */
  public MultVaeParams params() {
    return params;
  }

  @Override
  public MultVaeModel fit(InteractionMatrix data, TrainContext ctx) {
    try (MultVaeTrainer t = new MultVaeTrainer(params, data.cols(), ctx.seed(), ctx.threads())) {
      t.train(data);
      return new MultVaeModel(t.export(), data);
    }
  }

  @Override
  public MultVaeModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return MultVaeModel.read(in, data);
  }
}
