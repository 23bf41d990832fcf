package io.shopsense.search.index;

/**
 * Numbers about an item that come from behaviour rather than the catalog, stored as doc values for
 * sorting and, later, ranking features. Either may be null.
 *
 * @param rating average rating (sort {@code rating})
 * @param popularity any non-negative popularity score, e.g. recent purchases
 */
public record ItemSignals(Double rating, Double popularity) {}
