package com.aap.sandbox.commissions;

import com.aap.sandbox.accounts.User;
import com.aap.sandbox.accounts.Users;
import com.aap.sandbox.faults.Faults;
import com.aap.sandbox.tokens.IssuedToken;
import com.aap.sandbox.tokens.Tokens;
import graphql.ExecutionInput;
import graphql.GraphQL;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /query}: GraphQL over HTTP behind a bearer Personal Access Token. */
public final class CommissionDetailHandler {
  private final Vertx vertx;
  private final GraphQL graphQL;
  private final Tokens tokens;
  private final Users users;
  private final Faults faults;

  public CommissionDetailHandler(Vertx vertx, GraphQL graphQL, Tokens tokens, Users users, Faults faults) {
    this.vertx = vertx;
    this.graphQL = graphQL;
    this.tokens = tokens;
    this.users = users;
    this.faults = faults;
  }

  public void handle(RoutingContext rc) {
    Optional<IssuedToken> token = bearer(rc.request().getHeader("Authorization")).flatMap(tokens::find);
    Optional<User> user = token.map(IssuedToken::email).flatMap(users::find);
    if (user.isEmpty()) {
      send(rc, 401, error("Missing or unknown bearer token", "UNAUTHENTICATED"));
      return;
    }
    if (token.get().createdAt().plusSeconds(faults.tokenActivationSeconds()).isAfter(Instant.now())) {
      faults.countInactiveToken();
      send(rc, 401, error("Missing or unknown bearer token", "UNAUTHENTICATED"));
      return;
    }
    Integer retryAfter = faults.rateLimit().refuse(token.get().token(), System.currentTimeMillis());
    if (retryAfter != null) {
      rc.response().putHeader("Retry-After", String.valueOf(retryAfter));
      send(rc, 429, error("Too many requests", "RATE_LIMITED"));
      return;
    }
    if (faults.takeCommissionFailure(user.get().email())) {
      send(rc, 503, error("Service temporarily unavailable", "SERVICE_UNAVAILABLE"));
      return;
    }
    ExecutionInput input;
    try {
      input = input(rc.body().asJsonObject(), user.get());
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      send(rc, 400, error("The body must be JSON {\"query\", \"variables\"?, \"operationName\"?}", "BAD_REQUEST"));
      return;
    }
    vertx.executeBlocking(() -> graphQL.execute(input), false)
        .onSuccess(result -> send(rc, 200, result.toSpecification()))
        .onFailure(rc::fail);
  }

  private static ExecutionInput input(JsonObject body, User user) {
    if (body == null || !(body.getValue("query") instanceof String query) || query.isBlank()) {
      throw new IllegalArgumentException("query missing");
    }
    JsonObject variables = body.getJsonObject("variables");
    return ExecutionInput.newExecutionInput()
        .query(query)
        .operationName(body.getString("operationName"))
        .variables(variables == null ? Map.of() : variables.getMap())
        .graphQLContext(Map.of(CommissionDetailSchema.USER, user))
        .build();
  }

  private static Optional<String> bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  private static Map<String, Object> error(String message, String code) {
    return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
  }

  private static void send(RoutingContext rc, int status, Map<String, Object> body) {
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(Json.encode(body));
  }
}
