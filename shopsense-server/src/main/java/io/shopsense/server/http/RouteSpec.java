package io.shopsense.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.shopsense.server.auth.Access;
import java.util.List;
import java.util.Set;

/**
 * One route of the API: what Javalin registers and what {@code /openapi.json} documents, in one
 * place so the two cannot drift apart (a test still compares Javalin's route table with the document).
 *
 * @param method HTTP method
 * @param path Javalin path template ({@code /v1/users/{id}/profile}), also the metrics route label
 * @param access which key it needs
 * @param summary one line for the document
 * @param params path and query parameters; the query ones are the only names the route accepts
 * @param requestSchema component schema of the JSON body, or null for none
 * @param okStatus success status
 * @param responseSchema component schema of the success body, or null for none
 * @param errors error statuses the route can answer besides the common ones (401, 403, 429, 500)
 * @param handler the handler
 */
public record RouteSpec(HandlerType method, String path, Access access, String summary, List<ParamDoc> params,
    String requestSchema, int okStatus, String responseSchema, List<Integer> errors, Handler handler) {

  public RouteSpec {
    params = List.copyOf(params);
    errors = List.copyOf(errors);
  }

  /** The query parameter names the route accepts. */
  public Set<String> queryNames() {
    return ReadRoutes.queryNames(params);
  }
}
