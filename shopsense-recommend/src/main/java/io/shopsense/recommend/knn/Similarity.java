package io.shopsense.recommend.knn;

/**
 * Similarity of two sparse vectors a and b (rows of a matrix: an item's column of users for
 * item-kNN, a user's row of items for user-kNN) with supports S_a and S_b (their stored entries):
 * <ul>
 *   <li>{@code cosine}: {@code sum_{k in S_a ∩ S_b} a_k b_k / (sqrt(sum_{k in S_a} a_k^2) sqrt(sum_{k in S_b} b_k^2))}
 *       — the norms run over ALL of each vector's entries, not only the common ones.</li>
 *   <li>{@code pearson}: cosine of the vectors centred by their own means over their own entries,
 *       {@code m_a = sum_{k in S_a} a_k / |S_a|}:
 *       {@code sum_{k in S_a ∩ S_b} (a_k - m_a)(b_k - m_b) / (sqrt(sum_{k in S_a} (a_k - m_a)^2) sqrt(sum_{k in S_b} (b_k - m_b)^2))}.
 *       Absent entries stay absent (they are not zeros to centre). A vector whose entries are all
 *       equal (any 0/1 vector) has no spread, so every Pearson similarity with it is 0.</li>
 *   <li>{@code jaccard}: {@code |S_a ∩ S_b| / |S_a ∪ S_b|}, weights ignored.</li>
 * </ul>
 * A zero denominator gives 0. Shrinkage {@code s} multiplies any of them by {@code n / (n + s)},
 * {@code n = |S_a ∩ S_b|} (Koren, "Factorization meets the neighborhood", KDD 2008, eq. 2).
 */
public enum Similarity { COSINE, PEARSON, JACCARD }
