package io.shopsense.engine.api;

import java.util.List;

/**
 * A recommendation request.
 *
 * @param user shopper id or alias (null = anonymous)
 * @param item the item for {@code similar} and {@code bought-together} (optional for others)
 * @param cart items in the cart ({@code bought-together}), may be empty
 * @param n number of results (1..200)
 * @param channel app|web|mini or null
 * @param explain fill source and reason
 * @param rules per-request business rules, or null for the saved defaults
 */
public record RecommendRequest(Scenario scenario, String user, String item, List<String> cart, int n,
    String channel, boolean explain, Rules rules) {}
