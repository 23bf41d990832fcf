package io.shopsense.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random events against a naive HashMap implementation of the same definition, and the CSR
 * invariants. Each case prints its seed when it fails.
 */
class MatrixBuilderRandomTest {
  private static final EventType[] TYPES = EventType.values();

  @Test
  void matchesNaiveImplementationOnRandomEvents() {
    long base = System.nanoTime();
    for (int round = 0; round < 40; round++) {
      long seed = base + round;
      try {
        runCase(seed);
      } catch (AssertionError e) {
        throw new AssertionError("failed with seed " + seed + " (replay: runCase(" + seed + "L)): " + e.getMessage(), e);
      }
    }
  }

  private void runCase(long seed) {
    Random rnd = new Random(seed);
    int nUsers = 1 + rnd.nextInt(40);
    int nItems = 1 + rnd.nextInt(60);
    int nEvents = rnd.nextInt(1500);
    boolean ratings = rnd.nextBoolean();
    double halfLife = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(20);
    Set<EventType> logTypes = rnd.nextBoolean() ? Set.of(EventType.PURCHASE) : Set.of(EventType.PURCHASE, EventType.VIEW);
    double[] weights = new double[TYPES.length];
    for (int t = 0; t < weights.length; t++) weights[t] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(9);
    MatrixOptions o = new MatrixOptions(TypeWeights.of(weights), halfLife, ratings, rnd.nextInt(4) > 0,
        logTypes, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < nEvents; k++) {
      EventType t = TYPES[rnd.nextInt(TYPES.length)];
      String item = t.needsItem() ? "i" + (int) Math.floor(Math.pow(rnd.nextDouble(), 2) * nItems) : null;
      Double value = t == EventType.RATE && rnd.nextInt(5) > 0 ? (double) (1 + rnd.nextInt(5)) : null;
      long time = rnd.nextInt(100) * 3_600_000L * (1 + rnd.nextInt(24));
      events.add(new Event(null, "u" + rnd.nextInt(nUsers), t, item, time, null, null, value, null, null, null));
    }
    InteractionMatrix m = MatrixBuilder.fromEvents(events, o);
    checkCsrInvariants(m);
    Map<String, Map<String, Double>> expected = naive(events, o);
    Set<String> expectedUsers = expected.keySet();
    assertThat(new HashSet<>(m.rowIds().ids())).isEqualTo(expectedUsers);
    Set<String> expectedItems = new HashSet<>();
    expected.values().forEach(r -> expectedItems.addAll(r.keySet()));
    assertThat(new HashSet<>(m.colIds().ids())).isEqualTo(expectedItems);
    int nnz = 0;
    for (var row : expected.entrySet()) {
      int r = m.rowIds().get(row.getKey());
      assertThat(m.rowLength(r)).as("row length of " + row.getKey()).isEqualTo(row.getValue().size());
      for (var cell : row.getValue().entrySet()) {
        float got = m.get(r, m.colIds().get(cell.getKey()));
        assertThat((double) got).as(row.getKey() + "," + cell.getKey())
            .isCloseTo(cell.getValue(), org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, cell.getValue())));
        nnz++;
      }
    }
    assertThat(m.nnz()).isEqualTo(nnz);
    // the transpose holds the same cells
    InteractionMatrix t = m.transpose();
    checkCsrInvariants(t);
    for (int r = 0; r < m.rows(); r++) {
      for (int p = m.rowStart(r); p < m.rowEnd(r); p++) assertThat(t.get(m.colIndex()[p], r)).isEqualTo(m.values()[p]);
    }
  }

  static void checkCsrInvariants(InteractionMatrix m) {
    int[] ptr = m.rowPointers();
    assertThat(ptr[0]).isZero();
    assertThat(ptr[m.rows()]).isEqualTo(m.nnz());
    for (int r = 0; r < m.rows(); r++) {
      assertThat(ptr[r + 1]).as("row pointers ascend").isGreaterThanOrEqualTo(ptr[r]);
      for (int p = ptr[r]; p < ptr[r + 1]; p++) {
        assertThat(m.colIndex()[p]).isBetween(0, m.cols() - 1);
        if (p > ptr[r]) assertThat(m.colIndex()[p]).as("columns sorted and unique").isGreaterThan(m.colIndex()[p - 1]);
        assertThat(m.values()[p]).as("weights positive").isPositive();
      }
    }
    for (int i = 0; i < m.rows(); i++) assertThat(m.rowIds().get(m.rowIds().id(i))).isEqualTo(i);
    for (int i = 0; i < m.cols(); i++) assertThat(m.colIds().get(m.colIds().id(i))).isEqualTo(i);
  }

  /** The definition in MatrixBuilder's javadoc, written the obvious way. */
  static Map<String, Map<String, Double>> naive(List<Event> events, MatrixOptions o) {
    long ref = events.stream().mapToLong(Event::time).max().orElse(0);
    double hl = o.halfLifeDays() * 86_400_000d;
    // user -> item -> type -> contributions as {time, value}
    Map<String, Map<String, Map<EventType, List<double[]>>>> raw = new HashMap<>();
    for (Event e : events) {
      double w = o.weights().weight(e.type());
      if (e.item() == null || w <= 0) continue;
      double b = o.ratingAsWeight() && e.type() == EventType.RATE && e.value() != null ? e.value() : w;
      double c = b * (hl > 0 ? Math.pow(0.5, (ref - e.time()) / hl) : 1);
      raw.computeIfAbsent(e.user(), k -> new HashMap<>()).computeIfAbsent(e.item(), k -> new HashMap<>())
          .computeIfAbsent(e.type(), k -> new ArrayList<>()).add(new double[] {e.time(), c});
    }
    Map<String, Map<String, Double>> cells = new HashMap<>();
    raw.forEach((u, byItem) -> byItem.forEach((i, byType) -> {
      double sum = 0;
      for (var te : byType.entrySet()) {
        List<double[]> l = te.getValue();
        if (!o.dedup()) {
          for (double[] x : l) sum += x[1];
          continue;
        }
        double[] latest = l.get(0);
        for (double[] x : l) if (x[0] > latest[0] || (x[0] == latest[0] && x[1] > latest[1])) latest = x;
        sum += o.logRepeatTypes().contains(te.getKey()) ? latest[1] * (1 + Math.log(l.size())) : latest[1];
      }
      if (sum > 0) cells.computeIfAbsent(u, k -> new HashMap<>()).put(i, sum);
    }));
    Map<String, Integer> itemUsers = new HashMap<>();
    cells.values().forEach(r -> r.keySet().forEach(i -> itemUsers.merge(i, 1, Integer::sum)));
    Map<String, Map<String, Double>> out = new HashMap<>();
    cells.forEach((u, r) -> {
      Map<String, Double> kept = new HashMap<>(r);
      kept.keySet().removeIf(i -> itemUsers.get(i) < o.minItemEvents());
      if (kept.size() >= o.minUserEvents()) out.put(u, kept);
    });
    return out;
  }
}
