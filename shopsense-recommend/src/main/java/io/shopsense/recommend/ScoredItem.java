package io.shopsense.recommend;

/** An item index and its score. */
public record ScoredItem(int item, float score) {}
