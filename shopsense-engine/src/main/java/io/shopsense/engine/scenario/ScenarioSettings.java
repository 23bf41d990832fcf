package io.shopsense.engine.scenario;

import io.shopsense.core.config.Config;
import io.shopsense.recommend.Params;

/**
 * The scenario tunables ({@code foryou.*}, {@code similar.*}, {@code buy_again.*}, ...), read and
 * checked once per configuration (an experiment variant has its own). See
 * {@code shopsense-defaults.properties} of this module for what each means.
 */
public record ScenarioSettings(int candidates, double collaborative, double session, double trending, double fresh,
    double affinity, double similarItemKnn, double similarContent, double similarText, double similarSameCategory, double consumableRate,
    double defaultIntervalDays, double newArrivalDays, double basketItems, double stretch) {

  public static ScenarioSettings from(Config c) {
    return new ScenarioSettings(Params.intIn(c, "engine.candidates", 10, 100_000),
        w(c, "foryou.weight.collaborative"), w(c, "foryou.weight.session"), w(c, "foryou.weight.trending"),
        w(c, "foryou.weight.new"), w(c, "foryou.weight.affinity"), w(c, "similar.weight.itemknn"),
        w(c, "similar.weight.content"), w(c, "similar.weight.text"), w(c, "similar.same_category_boost"),
        Params.doubleIn(c, "buy_again.consumable_rate", 0, 1), Params.doubleIn(c, "buy_again.default_interval_days", 0.01, 10_000),
        Params.doubleIn(c, "new_arrivals.days", 0.01, 10_000), Params.doubleIn(c, "promotions.basket_items", 0.1, 1000),
        Params.doubleIn(c, "promotions.stretch", 1, 100));
  }

  private static double w(Config c, String key) {
    return Params.doubleIn(c, key, 0, 1000);
  }
}
