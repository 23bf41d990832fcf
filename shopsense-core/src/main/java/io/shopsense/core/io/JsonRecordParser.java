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
}
