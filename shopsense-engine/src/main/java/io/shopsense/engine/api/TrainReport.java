package io.shopsense.engine.api;

/**
 * The outcome of one training run.
 *
 * @param snapshot the candidate snapshot (its version is the one it was or would have been published as)
 * @param published false when the evaluation gate refused it
 * @param reason why it was or was not published, in words
 * @param seconds wall time of the whole run
 */
public record TrainReport(SnapshotInfo snapshot, boolean published, String reason, double seconds) {}
