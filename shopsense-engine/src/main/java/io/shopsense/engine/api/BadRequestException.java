package io.shopsense.engine.api;

/** Bad input from a caller; {@link #field()} names the offending parameter or body field (HTTP 400). */
public class BadRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The parameter or field at fault, or null. */
  public String field() {
    return field;
  }
}
