package io.shopsense.engine.api;

/** A facet value and how many matching items carry it. */
public record FacetCount(String value, long count) {}
