package io.shopsense.server.cli;

/** A mistake in the user's input or usage: printed as one line, exit code 2. */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}
