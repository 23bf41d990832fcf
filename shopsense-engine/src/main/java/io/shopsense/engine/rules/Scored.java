package io.shopsense.engine.rules;

/**
 * A scored candidate with its provenance, before business rules.
 *
 * @param id item, shop or promotion id
 * @param score higher is better (comparable within one list)
 * @param source what produced it: {@code als}, {@code itemknn}, {@code session}, {@code cobuy},
 *     {@code trending}, {@code new}, {@code popular}, {@code pinned}, ...
 * @param anchor what the source says it is about: the item a neighbour came from ("because you
 *     viewed ..."), a category ("trending in ..."), a shop; may be null
 */
public record Scored(String id, double score, String source, String anchor) {
  public Scored withScore(double s) {
    return new Scored(id, s, source, anchor);
  }
}
