package io.shopsense.core.io;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Turns one JSON object into a record. Called with the parser just past the object's
 * {@code START_OBJECT}; reads up to and including its {@code END_OBJECT}. Problems are thrown as
 * {@link RecordError} naming the field; the reader adds the file and line.
 */
interface JsonRecordParser<T> {
  T parse(JsonParser p) throws IOException;

  /**
   * The record read straight from the line's bytes (valid UTF-8), or null when this parser has no
   * such fast path or the line needs {@link #parse}; a fast path must never accept a line that
   * {@link #parse} would read differently or reject.
   */
  default T parseFast(byte[] line, int off, int len) {
    return null;
  }
}
