package io.shopsense.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict parsing of request bodies (the HTTP API) that hold one record or an array of records of the
 * data contract, with the very parsers of the JSON Lines reader: the same fields, types and checks,
 * unknown fields rejected, so a record the importer refuses is refused over HTTP with the same words.
 * Thread-safe.
 */
public final class JsonBodies {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private JsonBodies() {}

  /** Events: {@code {...}} or {@code [{...}, ...]}, at most {@code max} of them. */
  public static List<Event> events(byte[] body, int max) {
    return parse(body, max, new EventJson());
  }

  /** Items: one object or an array. */
  public static List<Item> items(byte[] body, int max) {
    return parse(body, max, new ItemJson());
  }

  /** Shops: one object or an array. */
  public static List<Shop> shops(byte[] body, int max) {
    return parse(body, max, new ShopJson());
  }

  /** Promotions: one object or an array. */
  public static List<Promotion> promotions(byte[] body, int max) {
    return parse(body, max, new PromotionJson());
  }

  private static <T> List<T> parse(byte[] body, int max, JsonRecordParser<T> parser) {
    int index = -1;
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      List<T> out = new ArrayList<>();
      if (first == JsonToken.START_OBJECT) {
        out.add(parser.parse(p)); // a lone object: messages need no position
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          index = out.size();
          if (t != JsonToken.START_OBJECT) {
            throw new BodyException(index, null, "expected a JSON object, got " + JsonFields.describe(p), false);
          }
          if (out.size() == max) {
            throw new BodyException(-1, null, "too many records: at most " + max + " per request", true);
          }
          out.add(parser.parse(p));
        }
        index = -1;
        if (out.isEmpty()) throw new BodyException(-1, null, "the array holds no records", false);
      } else {
        throw new BodyException(-1, null, "expected a JSON object or an array of objects, got "
            + JsonFields.describe(p), false);
      }
      index = -1;
      if (p.nextToken() != null) {
        throw new BodyException(-1, null, "unexpected content after the JSON value at column "
            + p.currentTokenLocation().getColumnNr(), false);
      }
      return out;
    } catch (RecordError e) {
      throw new BodyException(index, e.field, e.reason, false);
    } catch (JsonProcessingException e) {
      throw new BodyException(index, null, "malformed JSON: " + firstLine(e.getOriginalMessage()), false);
    } catch (IOException e) { // the parser reads a byte array: only a bug gets here
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String m) {
    int cut = m.indexOf(" (start marker at");
    if (cut >= 0) m = m.substring(0, cut);
    cut = m.indexOf('\n');
    return cut >= 0 ? m.substring(0, cut) : m;
  }

  /**
   * A bad body: {@link #index()} is the 0-based array position of the bad record (-1 when the body
   * as a whole is at fault), {@link #field()} the field or null; {@link #tooMany()} marks a batch over
   * the cap. No stack trace: this is control flow for bad input.
   */
  public static final class BodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;
    private final String field;
    private final String reason;
    private final boolean tooMany;

    BodyException(int index, String field, String reason, boolean tooMany) {
      super((index >= 0 ? "record " + index + ": " : "") + (field != null ? "field '" + field + "': " : "") + reason,
          null, false, false);
      this.index = index;
      this.field = field;
      this.reason = reason;
      this.tooMany = tooMany;
    }

    public int index() {
      return index;
    }

    public String field() {
      return field;
    }

    public String reason() {
      return reason;
    }

    public boolean tooMany() {
      return tooMany;
    }
  }
}
