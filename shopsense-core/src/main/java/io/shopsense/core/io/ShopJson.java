package io.shopsense.core.io;

import static io.shopsense.core.io.JsonFields.id;
import static io.shopsense.core.io.JsonFields.missing;
import static io.shopsense.core.io.JsonFields.once;
import static io.shopsense.core.io.JsonFields.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.core.model.Shop;
import java.io.IOException;

/** One line of {@code shops.jsonl}: {@code {"id","name","category","created"}}; only {@code id} is required. */
final class ShopJson implements JsonRecordParser<Shop> {
  static final String FIELDS = "id, name, category, created";

  @Override
  public Shop parse(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String category = null;
    long created = Long.MIN_VALUE;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "id" -> { seen = once(seen, 0, f); id = id(p, f); }
        case "name" -> { seen = once(seen, 1, f); name = string(p, f); }
        case "category" -> { seen = once(seen, 2, f); category = string(p, f); }
        case "created" -> { seen = once(seen, 3, f); created = JsonFields.time(p, f); }
        default -> throw JsonFields.unknownField(f, FIELDS);
      }
    }
    if (id == null) throw missing("id");
    return new Shop(id, name, category, created == Long.MIN_VALUE ? 0 : created);
  }
}
