package io.shopsense.recommend.knn;

/**
 * Similarity of two sparse vectors a and b (rows of a matrix: an item's column of users for
 * item-kNN, a user's row of items for user-kNN) with supports S_a and S_b (their stored entries):
 * <ul>
 *   <li>{@code cosine}: {@code sum_{k in S_a ∩ S_b} a_k b_k / (sqrt(sum_{k in S_a} a_k^2) sqrt(sum_{k in S_b} b_k^2))}
 *       — the norms run over ALL of each vector's entries, not only the common ones.</li>
 *   <li>{@code pearson}: the Pearson correlation of the two full vectors over all D positions,
 *       absent entries counting as 0 (so it is defined on 0/1 implicit data, where centring over
 *       stored entries alone would leave nothing):
 *       {@code (D sum_{k in S_a ∩ S_b} a_k b_k - sum a_k sum b_k) / (sqrt(D sum a_k^2 - (sum a_k)^2) sqrt(D sum b_k^2 - (sum b_k)^2))}.
 *       Only positive correlations are kept as neighbours. Computed from the same sparse dot
 *       products as cosine plus per-vector sums, so it costs the same.</li>
 *   <li>{@code jaccard}: {@code |S_a ∩ S_b| / |S_a ∪ S_b|}, weights ignored.</li>
 * </ul>
 * A zero denominator gives 0. Shrinkage {@code s} multiplies any of them by {@code n / (n + s)},
 * {@code n = |S_a ∩ S_b|} (Koren, "Factorization meets the neighborhood", KDD 2008, eq. 2).
 */
public enum Similarity { COSINE, PEARSON, JACCARD }
