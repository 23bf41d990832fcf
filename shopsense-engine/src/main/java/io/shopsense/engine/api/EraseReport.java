package io.shopsense.engine.api;

import java.util.List;

/**
 * What {@code erase} removed.
 *
 * @param user the erased shopper
 * @param aliases the linked identities erased with them
 * @param eventsRemoved events deleted from the store
 * @param liveStateRemoved true when the shopper had live state (session, profile) in memory
 * @param snapshotsPatched model snapshots on disk from which the shopper's rows were removed
 */
public record EraseReport(String user, List<String> aliases, long eventsRemoved, boolean liveStateRemoved,
    int snapshotsPatched) {}
