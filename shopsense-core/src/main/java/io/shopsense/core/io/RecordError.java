package io.shopsense.core.io;

/**
 * A problem with one record found while parsing a line, before the file and line are known; the
 * reader turns it into an {@link InputException}. No stack trace: it is control flow for bad input.
 */
final class RecordError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String field;
  final String reason;

  RecordError(String field, String reason) {
    super(reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }
}
