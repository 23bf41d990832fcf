package io.shopsense.core.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link DataGenerator#generate} wrote.
 *
 * @param eventsByType event counts by wire type name, in {@code EventType} order
 * @param activeUsers shoppers with at least one event
 * @param chineseItems items whose title and description are Chinese
 * @param duplicateEvents exact repeats of an event with a client id
 * @param synonymQueries distinct queries whose words are in no title (kind {@code synonym})
 */
public record GeneratorSummary(GeneratorSpec spec, Path dir, List<Path> files, int users, int activeUsers, int items,
    int chineseItems, int shops, int promotions, long events, Map<String, Long> eventsByType, long eventsWithId,
    long duplicateEvents, int queries, int synonymQueries, long start, long end) {}
