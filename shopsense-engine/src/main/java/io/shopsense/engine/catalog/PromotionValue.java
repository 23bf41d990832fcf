package io.shopsense.engine.catalog;

import io.shopsense.core.model.Promotion;

/**
 * What a promotion is worth on a basket: a coupon takes its amount off; a discount (or bundle)
 * below 1 is a fraction of the basket, otherwise an amount. Nothing when the basket is under the
 * minimum spend. Used both to rank promotions and to estimate how much of a budget was used.
 */
public final class PromotionValue {
  private PromotionValue() {}

  /** The money off a basket of this value, 0 below the minimum spend, never more than the basket. */
  public static double of(Promotion p, double basket) {
    if (!(basket > 0)) return 0;
    if (p.minSpend() != null && basket < p.minSpend()) return 0;
    double d = p.discount();
    double off = d > 0 && d < 1 ? d * basket : d;
    return Math.max(0, Math.min(off, basket));
  }
}
