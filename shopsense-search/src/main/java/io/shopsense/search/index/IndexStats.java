package io.shopsense.search.index;

/**
 * What one write to the index did.
 *
 * @param received items passed in (after removing duplicate ids, the last one winning)
 * @param written items whose document was (re)written because something changed
 * @param unchanged items skipped because their content hash matched the indexed one
 * @param deleted documents removed
 * @param embedded texts run through an embedding model (cache misses)
 * @param seconds wall time
 */
public record IndexStats(int received, int written, int unchanged, int deleted, long embedded, double seconds) {}
