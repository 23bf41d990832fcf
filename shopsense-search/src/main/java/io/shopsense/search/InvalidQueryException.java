package io.shopsense.search;

/**
 * A search request the engine cannot run as given (empty or too long query, bad page, bad price
 * range). The message says what to change; {@link #field()} names the request parameter, so the
 * HTTP layer answers 400 with it.
 */
public class InvalidQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidQueryException(String message, String field) {
    super(message);
    this.field = field;
  }

  /** The offending request parameter, e.g. {@code q}. */
  public String field() {
    return field;
  }
}
