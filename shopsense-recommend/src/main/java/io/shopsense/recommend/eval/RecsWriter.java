package io.shopsense.recommend.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shopsense.core.matrix.IdIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every test user's ranked list as JSON Lines, {@code {"algorithm":"als","user":"42",
 * "items":["7","3",...]}} in rank order with external ids (DESIGN.md section 4, plus the algorithm
 * when several are evaluated in one run), so anyone can recompute the metrics from the lists.
 */
public final class RecsWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private final JsonGenerator gen;

  public RecsWriter(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      out = Files.newOutputStream(file);
      gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
      gen.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** One line: the user's list of item indices, written as external ids. */
  public synchronized void write(String algorithm, String user, int[] items, IdIndex itemIds) {
    try {
      gen.writeStartObject();
      gen.writeStringField("algorithm", algorithm);
      gen.writeStringField("user", user);
      gen.writeArrayFieldStart("items");
      for (int i : items) gen.writeString(itemIds.id(i));
      gen.writeEndArray();
      gen.writeEndObject();
      gen.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      gen.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
