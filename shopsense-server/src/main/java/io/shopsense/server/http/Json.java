package io.shopsense.server.http;

import io.javalin.http.Context;
import io.shopsense.engine.api.ResponseJson;

/**
 * Writes response bodies with the engine's {@link ResponseJson} (snake_case, nulls omitted), the
 * same bytes the CLI prints with {@code --json}.
 */
public final class Json {
  /** Attribute set once an error body was written, so the status-code error handlers leave it alone. */
  public static final String ERROR_WRITTEN = "shopsense.error-written";
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private Json() {}

  /** Sends {@code body} as JSON with {@code status}. */
  public static void send(Context ctx, int status, Object body) {
    ctx.status(status).contentType(CONTENT_TYPE).result(ResponseJson.write(body));
  }

  /** Sends the contract's error body. */
  public static void error(Context ctx, int status, String message, String field) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(status).contentType(CONTENT_TYPE).result(ResponseJson.error(status, message, field));
  }
}
