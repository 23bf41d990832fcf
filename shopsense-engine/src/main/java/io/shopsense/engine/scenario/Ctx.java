package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.api.RecommendRequest;
import io.shopsense.engine.api.Rules;
import io.shopsense.engine.catalog.CatalogView;
import io.shopsense.engine.live.LiveView;
import io.shopsense.engine.snapshot.ModelSnapshot;

/**
 * Everything one recommendation request reads: the snapshot and catalog it started with (so a swap
 * mid-request changes nothing for it), the shopper's live view, the effective rules and settings.
 *
 * @param columns the snapshot's columns with their catalog items and the caches shared by all requests
 * @param row the shopper's snapshot row, -1 when the snapshot does not know them
 * @param now the engine clock
 */
record Ctx(ModelSnapshot snap, CatalogView catalog, Columns columns, LiveView live, int row, long now, int n, Rules rules,
    ScenarioSettings settings, RecommendRequest request) {

  /** Candidates taken from each source: enough for the rules to filter and diversify. */
  int pool() {
    return Math.max(settings.candidates(), 4 * n);
  }

  /** The item of a column, or null. */
  Item item(int col) {
    return columns.item(col);
  }
}
