package io.shopsense.core.profile;

import static io.shopsense.core.model.EventType.PURCHASE;
import static io.shopsense.core.model.EventType.VIEW;
import static io.shopsense.core.profile.ProfileFixtures.DAY;
import static io.shopsense.core.profile.ProfileFixtures.ITEMS;
import static io.shopsense.core.profile.ProfileFixtures.ev;
import static io.shopsense.core.profile.ProfileFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {
  @Test
  void roundTripKeepsEveryFieldAndOrder() {
    ProfileUpdater up = ProfileUpdater.from(Config.defaults(), PriceBands.fit(ITEMS));
    ProfileState s = up.newState("u1");
    for (Event e : List.of(ev("u1", VIEW, "a", DAY, "s9", Channel.MINI), ev("u1", PURCHASE, "d", 3 * DAY),
        ev("u1", VIEW, "c", 7 * DAY), search("u1", "跑步鞋 轻便", 7 * DAY + 1))) {
      up.apply(s, e, ProfileFixtures::item);
    }
    UserProfile p = s.snapshot();
    String json = ProfileJson.write(p);
    assertThat(json).contains("\"first_seen\":" + DAY, "\"top_categories\":{", "\"recent_queries\":[\"跑步鞋 轻便\"]",
        "\"purchases\":{\"d\":{\"count\":1,\"last\":" + 3 * DAY + "}}");
    UserProfile back = ProfileJson.read(json);
    assertThat(back).isEqualTo(p);
    assertThat(back.categories().keySet()).containsExactlyElementsOf(p.categories().keySet());
    assertThat(ProfileJson.write(back)).isEqualTo(json);
    UserProfile empty = UserProfile.empty("nobody");
    assertThat(ProfileJson.read(ProfileJson.write(empty))).isEqualTo(empty);
  }

  @Test
  void badDocumentsAreRejectedWithTheReason() {
    String valid = ProfileJson.write(UserProfile.empty("u"));
    assertThatThrownBy(() -> ProfileJson.read(valid.replace("{\"user\"", "{\"colour\":1,\"user\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'colour'");
    assertThatThrownBy(() -> ProfileJson.read(valid.replace("\"first_seen\":0,", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first_seen");
    assertThatThrownBy(() -> ProfileJson.read(valid.replace("\"last_seen\":0", "\"last_seen\":\"soon\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at field 'last_seen'");
    assertThatThrownBy(() -> ProfileJson.read("{\"user\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad profile JSON");
  }

  @Test
  void doublesRoundTripExactlyWithTheFastWriterAndParser() {
    long seed = System.nanoTime();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
    double[] awkward = {0.1 + 0.2, 1e23, 2e-3, 9007199254740993.0, Double.MIN_VALUE, Double.MAX_VALUE, 4.9e-324 * 3,
        1e-300, 123456789.98765433, 5.970601217064058, 0.9973259186172099, 100.0, 1.0E7, 1.0E-3, -0.0};
    for (int i = 0; i < awkward.length; i++) scores.put("a" + i, awkward[i]);
    for (int i = 0; i < 2_000; i++) {
      double d = switch (i % 3) {
        case 0 -> r.nextDouble() * 200; // affinity-like
        case 1 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL); // any finite positive
        default -> r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
      };
      scores.put("r" + i, d);
    }
    UserProfile p = new UserProfile("u", 1, 2, scores, null, null, null, null, null, null, null, null, null, null);
    UserProfile back = ProfileJson.read(ProfileJson.write(p));
    for (var e : scores.entrySet()) {
      assertThat(Double.doubleToRawLongBits(back.categories().get(e.getKey())))
          .as("seed %d, %s = %s", seed, e.getKey(), e.getValue())
          .isEqualTo(Double.doubleToRawLongBits(e.getValue()));
    }
  }
}
