package io.shopsense.engine.rules;

import io.shopsense.core.config.Config;
import io.shopsense.engine.api.Rules;
import java.util.List;
import java.util.Map;

/**
 * The saved default {@link Rules}, from the {@code rules.*} keys, used when a request brings none.
 * Diversity (MMR) is a feed property: by default it applies to {@code for-you}, {@code trending}
 * and {@code new-arrivals} only; item-page scenarios ({@code similar}, {@code bought-together},
 * {@code buy-again}) and {@code rank} stay pure relevance unless a request asks for it.
 */
public final class RuleDefaults {
  private final Rules feed;
  private final Rules plain;

  public RuleDefaults(Config c) {
    double diversity = c.getDouble("rules.diversity");
    double share = c.getDouble("rules.max_shop_share");
    int perCat = c.getInt("rules.max_per_category");
    feed = new Rules(c.getBoolean("rules.in_stock"), List.of(), List.of(), List.of(), null, null,
        c.getBoolean("rules.exclude_bought"), c.getBoolean("rules.exclude_recently_shown"), Map.of(), List.of(),
        perCat, share, diversity);
    plain = new Rules(feed.inStockOnly(), List.of(), List.of(), List.of(), null, null, feed.excludeBought(),
        feed.excludeRecentlyShown(), Map.of(), List.of(), perCat, share, 0);
    RuleEngine.validate(feed);
  }

  /** Defaults for a list that wants diversity (feeds) or not (item pages). */
  public Rules defaults(boolean feedList) {
    return feedList ? feed : plain;
  }
}
