package io.shopsense.engine.snapshot;

/**
 * A past search query for suggestions.
 *
 * @param query normalised text (lower case, single spaces)
 * @param users distinct shoppers who searched it (suggestions need {@code suggest.min_users}, so one
 *     person's query is never shown to others)
 * @param count searches
 * @param category the leaf category most often acted on right after the query, or null
 */
public record QueryStat(String query, int users, int count, String category) {}
