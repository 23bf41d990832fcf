package io.shopsense.engine.api;

/**
 * One entry of a search or recommendation response (DESIGN.md section 4). {@code source} and
 * {@code reason} are filled only when the request asked for {@code explain=true}. For the
 * {@code shops} scenario the entry is a shop ({@code title} is the shop name, {@code shop} its id,
 * {@code category} its category, no price); for {@code promotions} it is a promotion ({@code price}
 * is its {@code discount}: an amount off, or a fraction when below 1; {@code shop} and
 * {@code category} its restrictions).
 */
public record ResultItem(String id, String title, Double price, String shop, String category, String brand,
    double score, String source, String reason) {}
