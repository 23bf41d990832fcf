package io.shopsense.search.rank;

/**
 * Scores candidates from their {@link Feature} rows; higher ranks first. Implementations are
 * immutable once built and safe for concurrent scoring. Both the {@link LinearRanker} and the
 * {@link LtrRanker} explain a score as per-feature contributions that add up to it (with a bias),
 * which {@link Explanations} turns into words.
 */
public interface Ranker extends AutoCloseable {
  /** {@code linear} or {@code lambdamart}. */
  String kind();

  /**
   * Scores {@code rows} candidates.
   *
   * @param features row-major, {@link Feature#COUNT} values per row
   */
  double[] score(float[] features, int rows);

  /**
   * The contribution of each feature to the score of one row ({@link Feature#COUNT} values; the
   * score is their sum plus a constant).
   */
  double[] contributions(float[] features, int row);

  /** A text form that {@link Rankers#load} reads back into a ranker giving identical scores. */
  String save();

  /** Releases resources; both rankers are pure Java at serving time, so this does nothing today. */
  @Override
  default void close() {}
}
