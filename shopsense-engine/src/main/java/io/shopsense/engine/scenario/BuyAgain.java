package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.core.profile.UserProfile;
import io.shopsense.engine.rules.Scored;
import io.shopsense.engine.snapshot.ItemStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replenishment: items the shopper bought before, ranked by how due they are. An item is a
 * re-buy candidate when the shopper bought it at least twice, or other shoppers re-buy it, or its
 * leaf category is consumable (a share of at least {@code buy_again.consumable_rate} of its buyers
 * re-bought an item). Its interval is the shopper's own mean gap between purchases (two or more
 * purchases a day apart), else the item's mean re-purchase gap, else the category's, else
 * {@code buy_again.default_interval_days}. With {@code due = days since last purchase / interval},
 * the score is {@code due} up to 1 and {@code 1 / sqrt(due)} after (an overdue item slowly loses
 * its place), times {@code 1 + ln(purchases)}; other bought items follow at a tenth of that.
 * Only bought items are returned to a shopper with purchases; one without any gets the items most
 * often re-bought by others, then popular items.
 */
final class BuyAgain {
  private static final double DAY = 86_400_000.0;

  private BuyAgain() {}

  static List<Scored> candidates(Ctx c) {
    UserProfile p = c.live().profile();
    ItemStats st = c.snap().stats();
    List<Scored> out = new ArrayList<>();
    for (var e : p.purchases().entrySet()) {
      Item it = c.catalog().item(e.getKey());
      if (it == null) continue;
      int col = c.snap().itemIndex(it.id());
      long count = e.getValue().count();
      float[] cat = it.category() == null ? null : st.categoryRepurchase().get(it.category());
      boolean consumable = count >= 2 || (col >= 0 && st.repurchasers()[col] >= 2)
          || (cat != null && cat[0] >= c.settings().consumableRate());
      double interval = ownInterval(c.live().purchaseTimes().get(it.id()));
      if (Double.isNaN(interval) && col >= 0) interval = st.repurchaseDays()[col];
      if (Double.isNaN(interval) && cat != null) interval = cat[1];
      if (!(interval > 0)) interval = c.settings().defaultIntervalDays();
      double due = Math.max(0, c.now() - e.getValue().last()) / DAY / interval;
      double score = (due <= 1 ? due : 1 / Math.sqrt(due)) * (1 + Math.log(count)) + 1e-3;
      String why = String.format(Locale.ROOT, "you buy this about every %d days; last bought %d days ago",
          Math.round(interval), Math.round(Math.max(0, c.now() - e.getValue().last()) / DAY));
      out.add(new Scored(it.id(), consumable ? score : score / 10, "buy-again", why));
    }
    if (!out.isEmpty()) return out;
    Blend b = new Blend();
    float[] rebuy = new float[st.numItems()];
    for (int i = 0; i < rebuy.length; i++) rebuy[i] = st.repurchasers()[i];
    b.add(Sources.withAnchor(Sources.top(c, rebuy, c.pool(), "popular", Sources.eligible(c, false)), null), 1);
    Sources.fallbacks(c, b, null, Sources.eligible(c, false));
    return b.result();
  }

  /** Mean days between purchases at least a day apart, NaN with fewer than two. */
  static double ownInterval(List<Long> times) {
    if (times == null || times.size() < 2) return Double.NaN;
    double sum = 0;
    int gaps = 0;
    long prev = times.get(0);
    for (int i = 1; i < times.size(); i++) {
      long g = times.get(i) - prev;
      if (g < DAY) continue;
      sum += g / DAY;
      gaps++;
      prev = times.get(i);
    }
    return gaps == 0 ? Double.NaN : sum / gaps;
  }
}
