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
import java.nio.file.Path;

/**
 * Strict reader of the JSON Lines formats of DESIGN.md section 4: one JSON object per line, UTF-8,
 * blank lines skipped, unknown fields rejected, no type coercion. Each line gets its own Jackson
 * streaming parser over the line's bytes, so a bad line never disturbs the next one and line
 * numbers are exact. Event lines of the common shape are first tried by a hand-written fast path
 * ({@link JsonRecordParser#parseFast}), which defers to Jackson at anything unusual. Use the factory
 * methods: {@link #items}, {@link #shops}, {@link #promotions}, {@link #events}.
 */
public final class JsonlReader<T> implements RecordReader<T> {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private final LineReader lines;
  private final JsonRecordParser<T> parser;
  private boolean emptyReported;

  private JsonlReader(LineReader lines, JsonRecordParser<T> parser) {
    this.lines = lines;
    this.parser = parser;
  }

  private JsonlReader(Path path, String file, JsonRecordParser<T> parser) {
    this(new LineReader(path, file), parser);
  }

  /** A reader of the bytes {@code [from, to)} of a file, which must start at a line start (parallel validation). */
  static JsonlReader<?> range(ImportSource.Kind kind, Path path, long from, long to) {
    LineReader lines = new LineReader(path, path.toString(), from, to);
    return switch (kind) {
      case SHOPS -> new JsonlReader<>(lines, new ShopJson());
      case ITEMS -> new JsonlReader<>(lines, new ItemJson());
      case PROMOTIONS -> new JsonlReader<>(lines, new PromotionJson());
      case EVENTS -> new JsonlReader<>(lines, new EventJson());
    };
  }

  /** Reads {@code items.jsonl}; messages name the file as {@code path.toString()}. */
  public static JsonlReader<Item> items(Path path) {
    return new JsonlReader<>(path, path.toString(), new ItemJson());
  }

  public static JsonlReader<Shop> shops(Path path) {
    return new JsonlReader<>(path, path.toString(), new ShopJson());
  }

  public static JsonlReader<Promotion> promotions(Path path) {
    return new JsonlReader<>(path, path.toString(), new PromotionJson());
  }

  public static JsonlReader<Event> events(Path path) {
    return new JsonlReader<>(path, path.toString(), new EventJson());
  }

  @Override
  public T next() {
    if (!lines.next()) {
      if (lines.nonBlankLines() == 0 && lines.wholeFile() && !emptyReported) {
        emptyReported = true;
        throw new InputException(lines.file(), 0, null, "file is empty");
      }
      return null;
    }
    T fast = parser.parseFast(lines.buf(), lines.off(), lines.len());
    if (fast != null) return fast;
    return parse(parser, lines.buf(), lines.off(), lines.len(), lines.file(), lines.lineNumber());
  }

  /** One line through a Jackson streaming parser of its own: the record, or the line's exact error. */
  static <T> T parse(JsonRecordParser<T> parser, byte[] buf, int off, int len, String file, long line) {
    try (JsonParser p = FACTORY.createParser(buf, off, len)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InputException(file, line, null, "expected a JSON object, got " + JsonFields.describe(p));
      }
      T record = parser.parse(p);
      if (p.nextToken() != null) {
        throw new InputException(file, line, null, "unexpected content after the JSON object at column "
            + p.currentTokenLocation().getColumnNr() + " (one object per line)");
      }
      return record;
    } catch (RecordError e) {
      throw new InputException(file, line, e.field, e.reason);
    } catch (JsonProcessingException e) {
      throw new InputException(file, line, null, malformed(e));
    } catch (IOException e) { // the parser reads a byte array: only a bug gets here
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson's reason, on one line, without its source description. */
  private static String malformed(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    int cut = m.indexOf(" (start marker at");
    if (cut >= 0) m = m.substring(0, cut);
    cut = m.indexOf('\n');
    if (cut >= 0) m = m.substring(0, cut);
    int col = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    return "malformed JSON" + (col > 0 ? " at column " + col : "") + ": " + m;
  }

  @Override
  public String file() {
    return lines.file();
  }

  @Override
  public long line() {
    return lines.lineNumber();
  }

  @Override
  public long position() {
    return lines.position();
  }

  @Override
  public long size() {
    return lines.size();
  }

  @Override
  public void close() {
    lines.close();
  }
}
