package io.shopsense.engine.api;

/**
 * One entry of a search or recommendation response (DESIGN.md section 4). {@code source} and
 * {@code reason} are filled only when the request asked for {@code explain=true}. For the
 * {@code shops} scenario the entry is a shop ({@code title} is the shop name); for
 * {@code promotions} it is a promotion.
 */
public record ResultItem(String id, String title, Double price, String shop, String category, String brand,
    double score, String source, String reason) {}
