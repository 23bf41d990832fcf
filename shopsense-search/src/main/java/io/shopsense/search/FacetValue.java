package io.shopsense.search;

/** One facet value and how many matching items carry it. */
public record FacetValue(String value, long count) {}
