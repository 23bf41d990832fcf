package io.shopsense.core.model;

import java.util.Objects;

/**
 * A coupon, discount or bundle and who may use it.
 *
 * @param shop when set, only items of this shop are eligible
 * @param category when set, only items under this category path prefix are eligible
 * @param minSpend minimum basket value, or null
 * @param discount amount off (coupon) or fraction off when below 1 (discount)
 * @param starts validity start, epoch ms
 * @param ends validity end, epoch ms
 * @param budget total budget, or null for unlimited
 */
public record Promotion(String id, String title, PromotionKind kind, String shop, String category,
    Double minSpend, double discount, long starts, long ends, Double budget) {

  public Promotion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
  }

  /** True when the promotion is valid at this time. */
  public boolean activeAt(long time) {
    return time >= starts && time < ends;
  }

  /** True when the item falls under the promotion's shop and category restrictions. */
  public boolean covers(Item item) {
    if (shop != null && !shop.equals(item.shop())) return false;
    if (category != null) {
      String c = item.category();
      if (c == null || !(c.equals(category) || c.startsWith(category + ">"))) return false;
    }
    return true;
  }
}
