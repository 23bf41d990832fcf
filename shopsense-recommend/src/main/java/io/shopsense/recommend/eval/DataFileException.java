package io.shopsense.recommend.eval;

import java.nio.file.Path;

/** A data file that cannot be read as the stated format; names the file and the 1-based line. */
public class DataFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DataFileException(Path file, long line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason);
  }
}
