package io.shopsense.core.io;

import java.io.Closeable;

/**
 * Streams the records of one data file, one line at a time; never holds the file in memory. A bad
 * line throws {@link InputException} naming the file, line and field; the line is then consumed,
 * so a caller that tolerates bad lines ({@code --skip-bad}) simply calls {@link #next()} again.
 * Not thread-safe.
 */
public interface RecordReader<T> extends Closeable {
  /**
   * The next record, or null at the end of the file.
   *
   * @throws InputException when the line is bad, or (once, at the end) when the file holds no record
   */
  T next();

  /** The file as the user named it (used in messages). */
  String file();

  /** The 1-based line number of the last line read. */
  long line();

  /** Bytes of the file consumed so far (for progress). */
  long position();

  /** The size of the file in bytes. */
  long size();

  @Override
  void close();
}
