package io.shopsense.recommend.knn;

/** A neighbouring item or user index and its similarity. */
public record Neighbour(int index, float similarity) {}
