package io.shopsense.engine.api;

/**
 * Counters for {@code /metrics} and {@code /health}.
 *
 * @param snapshotVersion the serving snapshot's version, 0 when none was trained yet
 * @param eventsIngested events accepted since open
 * @param eventsRefused events refused since open (bad input, erased shoppers)
 * @param liveUsers shoppers with live state in memory
 * @param catalogItems items in the catalog cache
 * @param lastTrainSeconds duration of the last training run, 0 when none ran
 * @param trainRuns training runs since open
 */
public record EngineStats(long snapshotVersion, long snapshotCreated, long eventsIngested, long eventsRefused,
    long recommendations, long searches, int liveUsers, int catalogItems, double lastTrainSeconds, long trainRuns) {}
