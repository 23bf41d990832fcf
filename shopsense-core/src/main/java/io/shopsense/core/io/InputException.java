package io.shopsense.core.io;

/**
 * Bad input in a data file: names the file, the line (1-based; 0 when the whole file is at fault)
 * and the field (null when the line as a whole is at fault), e.g.
 * {@code events.jsonl:12: field 'type': unknown event type 'bogus' (expected one of view, click, ...)}.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String field;
  private final String reason;

  public InputException(String file, long line, String field, String reason) {
    // no stack trace: these are user errors, and --skip-bad may create many of them
    super(format(file, line, field, reason), null, false, false);
    this.file = file;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  private static String format(String file, long line, String field, String reason) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) sb.append(':').append(line);
    sb.append(": ");
    if (field != null) sb.append("field '").append(field).append("': ");
    return sb.append(reason).toString();
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line number, or 0 when the error concerns the whole file. */
  public long line() {
    return line;
  }

  /** The offending field, or null. */
  public String field() {
    return field;
  }

  /** What is wrong, without the file, line and field prefix. */
  public String reason() {
    return reason;
  }
}
