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
}
