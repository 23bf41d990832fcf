package io.shopsense.engine.api;

import java.util.List;
import java.util.Map;

/**
 * The body of every search and recommendation response (contract): {@code request_id} lets later
 * impressions, clicks and purchases be attributed to it; {@code variant} names the A/B variant.
 * {@code facets} is null for recommendations.
 */
public record Response(String requestId, String variant, List<ResultItem> results,
    Map<String, List<FacetCount>> facets) {}
