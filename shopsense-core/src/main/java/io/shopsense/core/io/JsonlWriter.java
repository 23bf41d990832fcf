package io.shopsense.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams records as JSON Lines in the exact field names of the DESIGN.md data-format contract:
 * UTF-8 (Chinese written as is, not escaped), one object per line ending in {@code \n}, optional
 * fields omitted when null, times as ISO-8601 UTC ({@code 2026-01-05T10:15:30Z}, milliseconds
 * only when non-zero), enums by their wire names, whole numbers without a fraction ({@code 5},
 * not {@code 5.0}). Attribute keys are written sorted so the bytes never depend on map order.
 * Memory stays constant whatever the number of lines. Not thread-safe.
 */
public final class JsonlWriter implements Closeable, Flushable {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes the fields of one custom object (truth records, query lists) between its braces. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private final JsonGenerator g;
  private long lines;

  /** Writes to a stream, which {@link #close()} closes. */
  public JsonlWriter(OutputStream out) throws IOException {
    g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.setRootValueSeparator(null); // lines are separated by the newline written after each object
  }

  /** Creates (or truncates) a file and writes to it through a 64 KiB buffer. */
  public static JsonlWriter open(Path file) throws IOException {
    return new JsonlWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  /** ISO-8601 UTC text of an epoch-millisecond time, e.g. {@code 2026-01-05T10:15:30Z}. */
  public static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** {@code {"id","title","description","category","brand","shop","price","in_stock","attributes","created"}}. */
  public void write(Item item) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", item.id());
    string("title", item.title());
    string("description", item.description());
    string("category", item.category());
    string("brand", item.brand());
    string("shop", item.shop());
    number("price", item.price());
    g.writeBooleanField("in_stock", item.inStock());
    g.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> a : new TreeMap<>(item.attributes()).entrySet()) g.writeStringField(a.getKey(), a.getValue());
    g.writeEndObject();
    if (item.created() != 0) g.writeStringField("created", time(item.created()));
    end();
  }

  /** {@code {"id","name","category","created"}}. */
  public void write(Shop shop) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", shop.id());
    string("name", shop.name());
    string("category", shop.category());
    if (shop.created() != 0) g.writeStringField("created", time(shop.created()));
    end();
  }

  /** {@code {"id","title","kind","shop"?,"category"?,"min_spend"?,"discount","starts","ends","budget"?}}. */
  public void write(Promotion p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    string("title", p.title());
    g.writeStringField("kind", p.kind().wireName());
    string("shop", p.shop());
    string("category", p.category());
    if (p.minSpend() != null) number("min_spend", p.minSpend());
    number("discount", p.discount());
    g.writeStringField("starts", time(p.starts()));
    g.writeStringField("ends", time(p.ends()));
    if (p.budget() != null) number("budget", p.budget());
    end();
  }

  /** {@code {"id"?,"user","type","item"?,"time","session"?,"channel"?,"value"?,"query"?,"items"?,"text"?,"request_id"?}}. */
  public void write(Event e) throws IOException {
    g.writeStartObject();
    string("id", e.id());
    g.writeStringField("user", e.user());
    g.writeStringField("type", e.type().wireName());
    string("item", e.item());
    g.writeStringField("time", time(e.time()));
    string("session", e.session());
    if (e.channel() != null) g.writeStringField("channel", e.channel().wireName());
    if (e.value() != null) number("value", e.value());
    string("query", e.query());
    if (e.items() != null) {
      g.writeArrayFieldStart("items");
      for (String id : e.items()) g.writeString(id);
      g.writeEndArray();
    }
    string("text", e.text());
    string("request_id", e.requestId());
    end();
  }

  /** One object whose fields the caller writes (for files outside the contract, such as the truth). */
  public void writeObject(Fields fields) throws IOException {
    g.writeStartObject();
    fields.write(g);
    end();
  }

  /** Writes a number field, whole values without a fraction; rejects NaN and infinities. */
  public static void number(JsonGenerator g, String name, double v) throws IOException {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("field " + name + " must be a finite number, got " + v);
    if (v == Math.rint(v) && Math.abs(v) < 1e15) g.writeNumberField(name, (long) v);
    else g.writeNumberField(name, v);
  }

  /** Lines written so far. */
  public long lines() {
    return lines;
  }

  @Override
  public void flush() throws IOException {
    g.flush();
  }

  @Override
  public void close() throws IOException {
    g.close();
  }

  private void number(String name, double v) throws IOException {
    number(g, name, v);
  }

  private void string(String name, String value) throws IOException {
    if (value != null) g.writeStringField(name, value);
  }

  private void end() throws IOException {
    g.writeEndObject();
    g.writeRaw('\n');
    lines++;
  }
}
