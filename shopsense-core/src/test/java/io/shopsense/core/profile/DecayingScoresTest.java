package io.shopsense.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecayingScoresTest {
  private static final long DAY = 86_400_000L;

  @Test
  void lazyDecayMatchesDirectSumEvenAcrossRebases() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    double hl = DAY; // one-day half-life over 400 days forces several rebases
    DecayingScores d = new DecayingScores(hl);
    long t = 0;
    Map<String, List<long[]>> all = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      t += rnd.nextInt(5 * 3_600_000);
      String key = "k" + rnd.nextInt(5);
      int amount = 1 + rnd.nextInt(8);
      d.add(key, amount, t);
      all.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {t, amount});
    }
    long now = t;
    Map<String, Double> got = d.at(now);
    for (var e : all.entrySet()) {
      double expected = 0;
      for (long[] x : e.getValue()) expected += x[1] * Math.pow(0.5, (now - x[0]) / hl);
      assertThat(got.get(e.getKey())).as("seed " + seed + ", key " + e.getKey())
          .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
    }
  }

  @Test
  void knownAnswerAndOrder() {
    DecayingScores d = new DecayingScores(30 * DAY);
    d.add("old", 4, 0);
    d.add("new", 1, 60 * DAY);
    d.add("new", 1, 30 * DAY);
    d.add(null, 100, 0); // ignored
    Map<String, Double> s = d.at(60 * DAY);
    assertThat(s.keySet()).containsExactly("new", "old");
    assertThat(s.get("old")).isCloseTo(1.0, within(1e-12));
    assertThat(s.get("new")).isCloseTo(1.5, within(1e-12));
    // read later: everything halves, the order stays
    assertThat(d.at(90 * DAY).get("new")).isCloseTo(0.75, within(1e-12));
    // resume from a snapshot
    DecayingScores r = DecayingScores.of(s, 60 * DAY, 30 * DAY);
    r.add("old", 1, 90 * DAY);
    assertThat(r.at(90 * DAY).get("old")).isCloseTo(1.5, within(1e-12));
  }
}
