package io.shopsense.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivitySeriesTest {
  private static final long MIN = 60_000L;
  private static final Map<String, String> CATEGORY = Map.of("a", "Shoes>Running", "b", "Shoes>Running",
      "c", "Home>Kettles", "d", "Home>Kettles");
  private final ActivitySeries series = new ActivitySeries(MIN, 10, new ItemIndex(CATEGORY::get));

  private static Event shown(String user, long t, String... items) {
    return new Event(null, user, EventType.IMPRESSION, null, t, null, null, null, "q", List.of(items), null);
  }

  private static Event ev(String user, EventType type, String item, long t) {
    return Event.of(user, type, item, t);
  }

  @Test
  void countsTypesAndAttributesClicksAndPurchasesToTheShownList() {
    long t0 = 10 * MIN;
    series.add(shown("u1", t0, "a", "b", "c"), t0);          // pairs: a-b same, a-c and b-c different: 2/3
    series.add(shown("u2", t0 + 1000, "c", "d"), t0 + 1000);  // one pair, same category: 0
    series.add(ev("u1", EventType.CLICK, "b", t0 + 2000), t0 + 2000);  // attributed to u1's list
    series.add(ev("u1", EventType.CLICK, "c", t0 + 3000), t0 + 3000);  // the same list: counted once
    series.add(ev("u2", EventType.CLICK, "a", t0 + 4000), t0 + 4000);  // not in u2's list: a click, not attributed
    series.add(ev("u1", EventType.PURCHASE, "c", t0 + MIN), t0 + MIN); // next minute, still u1's list
    series.add(ev("u3", EventType.VIEW, "a", t0 + MIN), t0 + MIN);

    List<Map<String, Object>> b = series.buckets(t0, t0 + MIN, true, 8);
    assertThat(b).hasSize(2);
    Map<String, Object> first = b.get(0);
    assertThat(first.get("t")).isEqualTo(t0);
    assertThat(first.get("events")).isEqualTo(Map.of("click", 3L, "impression", 2L));
    assertThat(first.get("impressions")).isEqualTo(2L);
    assertThat(first.get("clicked")).isEqualTo(1L);
    assertThat(first.get("converted")).isEqualTo(1L);  // the purchase a minute later belongs to the list's bucket
    assertThat((double) first.get("ctr")).isEqualTo(0.5);
    assertThat((double) first.get("conversion")).isEqualTo(0.5);
    assertThat(first.get("shown_items")).isEqualTo(4);
    assertThat((double) first.get("coverage")).isEqualTo(0.5);
    assertThat((double) first.get("diversity")).isCloseTo((2.0 / 3 + 0) / 2, within(1e-12));

    Map<String, Object> second = b.get(1);
    assertThat(second.get("events")).isEqualTo(Map.of("purchase", 1L, "view", 1L));
    assertThat(second.get("impressions")).isEqualTo(0L);
    assertThat(second.get("ctr")).isNull();
    assertThat(second.get("coverage")).isNull();
    assertThat(series.total()).isEqualTo(7);
  }

  @Test
  void aClickAfterTheWindowOrBeforeTheListIsNotAttributed() {
    series.add(shown("u1", 0, "a"), 0);
    series.add(ev("u1", EventType.CLICK, "a", ActivitySeries.CLICK_WINDOW_MS + 1), ActivitySeries.CLICK_WINDOW_MS + 1);
    series.add(ev("u1", EventType.CLICK, "a", -5), -5);
    assertThat(series.buckets(0, 0, true, 4).get(0).get("clicked")).isEqualTo(0L);
  }

  @Test
  void quietBucketsAreFilledAndOldOnesDropped() {
    for (int m = 0; m < 15; m++) series.add(ev("u", EventType.VIEW, "a", m * MIN), m * MIN);
    assertThat(series.span()).containsExactly(5 * MIN, 14 * MIN); // ten buckets kept
    List<Map<String, Object>> filled = series.buckets(14 * MIN, 16 * MIN, true, 4);
    assertThat(filled).extracting(m -> m.get("t")).containsExactly(14 * MIN, 15 * MIN, 16 * MIN);
    assertThat(filled.get(2).get("events")).isEqualTo(Map.of());
    assertThat(series.buckets(14 * MIN, 16 * MIN, false, 4)).hasSize(1);
  }

  @Test
  void anItemMissingFromTheCatalogDiffersFromEveryCategory() {
    series.add(shown("u1", 0, "x", "y"), 0);
    assertThat((double) series.buckets(0, 0, true, 4).get(0).get("diversity")).isEqualTo(1.0);
  }
}
