package io.shopsense.server.http;

/**
 * An HTTP error with the body of the contract: {@code {"error":{"status":400,"message":"...","field":"n"}}}.
 * Thrown by handlers and validation; the server's exception mapper writes it. No stack trace: it is
 * control flow for bad requests.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;
  private final transient Long retryAfterSeconds;

  public ApiException(int status, String field, String message) {
    this(status, field, message, null);
  }

  private ApiException(int status, String field, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 400 naming the parameter or body field at fault. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  /** 429 with the seconds after which a retry can succeed. */
  public static ApiException tooManyRequests(long retryAfterSeconds, String message) {
    return new ApiException(429, null, message, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  /** The field or parameter at fault, or null. */
  public String field() {
    return field;
  }

  /** Seconds for the {@code Retry-After} header, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
