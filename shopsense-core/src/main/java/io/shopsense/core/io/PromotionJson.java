package io.shopsense.core.io;

import static io.shopsense.core.io.JsonFields.id;
import static io.shopsense.core.io.JsonFields.missing;
import static io.shopsense.core.io.JsonFields.once;
import static io.shopsense.core.io.JsonFields.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line of {@code promotions.jsonl}: {@code {"id","title","kind","shop"?,"category"?,
 * "min_spend"?,"discount","starts","ends","budget"?}}. Required: id, kind, discount, starts, ends;
 * amounts must not be negative and {@code ends} must be after {@code starts}.
 */
final class PromotionJson implements JsonRecordParser<Promotion> {
  static final String FIELDS = "id, title, kind, shop, category, min_spend, discount, starts, ends, budget";
  static final String KIND_NAMES = Arrays.stream(PromotionKind.values()).map(PromotionKind::wireName)
      .collect(Collectors.joining(", "));

  @Override
  public Promotion parse(JsonParser p) throws IOException {
    String id = null;
    String title = null;
    PromotionKind kind = null;
    String shop = null;
    String category = null;
    Double minSpend = null;
    Double discount = null;
    long starts = Long.MIN_VALUE;
    long ends = Long.MIN_VALUE;
    Double budget = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "id" -> { seen = once(seen, 0, f); id = id(p, f); }
        case "title" -> { seen = once(seen, 1, f); title = string(p, f); }
        case "kind" -> { seen = once(seen, 2, f); kind = kind(p, f); }
        case "shop" -> { seen = once(seen, 3, f); shop = id(p, f); }
        case "category" -> { seen = once(seen, 4, f); category = string(p, f); }
        case "min_spend" -> { seen = once(seen, 5, f); minSpend = JsonFields.nonNegative(p, f); }
        case "discount" -> { seen = once(seen, 6, f); discount = JsonFields.nonNegative(p, f); }
        case "starts" -> { seen = once(seen, 7, f); starts = JsonFields.time(p, f); }
        case "ends" -> { seen = once(seen, 8, f); ends = JsonFields.time(p, f); }
        case "budget" -> { seen = once(seen, 9, f); budget = JsonFields.nonNegative(p, f); }
        default -> throw JsonFields.unknownField(f, FIELDS);
      }
    }
    if (id == null) throw missing("id");
    if (kind == null) throw missing("kind");
    if (discount == null) throw missing("discount");
    if (starts == Long.MIN_VALUE) throw missing("starts");
    if (ends == Long.MIN_VALUE) throw missing("ends");
    if (ends <= starts) throw new RecordError("ends", "must be after starts");
    return new Promotion(id, title, kind, shop, category, minSpend, discount, starts, ends, budget);
  }

  private static PromotionKind kind(JsonParser p, String f) throws IOException {
    String s = string(p, f);
    if (s == null) return null;
    PromotionKind k = PromotionKind.fromWire(s);
    if (k == null) {
      throw new RecordError(f, "unknown promotion kind " + JsonFields.name(s) + " (expected one of " + KIND_NAMES + ")");
    }
    return k;
  }
}
