package io.shopsense.neural.multvae;

import io.shopsense.core.config.Config;
import io.shopsense.recommend.Params;

/**
 * The hyper-parameters of {@link MultVae}, read from the {@code multvae.*} keys and range-checked
 * (a bad value throws an {@link IllegalArgumentException} naming its key). The seed and the threads
 * come from the {@code TrainContext}.
 *
 * @param hidden width of the encoder's and the decoder's hidden layer (600 in the paper)
 * @param latent dimension of z (200)
 * @param epochs passes over the users
 * @param batch users per gradient step (500)
 * @param learningRate Adam's step size (1e-3)
 * @param dropout probability of dropping an input item during training (0.5)
 * @param betaMax the KL weight reached at the end of the annealing (0.2)
 * @param annealSteps gradient steps over which β rises linearly from 0 to betaMax; 0 = all of them
 */
public record MultVaeParams(int hidden, int latent, int epochs, int batch, double learningRate, double dropout,
    double betaMax, int annealSteps) {

  /** Reads and validates the {@code multvae.*} keys. */
  public static MultVaeParams from(Config c) {
    return new MultVaeParams(
        Params.intIn(c, "multvae.hidden", 1, 100_000),
        Params.intIn(c, "multvae.latent", 1, 100_000),
        Params.intIn(c, "multvae.epochs", 1, 1_000_000),
        Params.intIn(c, "multvae.batch", 1, 1_000_000),
        Params.doubleIn(c, "multvae.learning_rate", Double.MIN_NORMAL, 10),
        Params.doubleIn(c, "multvae.dropout", 0, 0.99),
        Params.doubleIn(c, "multvae.beta_max", 0, 100),
        Params.intIn(c, "multvae.anneal_steps", 0, Integer.MAX_VALUE));
  }

  /** β after {@code step} completed updates of {@code totalSteps}. */
  public double beta(long step, long totalSteps) {
    long span = annealSteps > 0 ? annealSteps : Math.max(1, totalSteps);
    return betaMax * Math.min(1.0, (double) step / span);
  }
}
