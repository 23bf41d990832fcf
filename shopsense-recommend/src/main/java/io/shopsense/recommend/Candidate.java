package io.shopsense.recommend;

/**
 * A recommended item with its provenance, so every result can be explained.
 *
 * @param item external item id
 * @param score blended score, higher is better
 * @param source the algorithm or rule that produced it, e.g. {@code itemknn}, {@code trending}
 * @param reason a short human reason, e.g. "because you viewed Trail Runner 2", or null
 */
public record Candidate(String item, double score, String source, String reason) {}
