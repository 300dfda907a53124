package com.aap.sandbox.commissions;

/** A rejected query, answered as a GraphQL error with {@code extensions.code}. */
final class QueryProblem extends RuntimeException {
  private final String code;

  QueryProblem(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static QueryProblem badInput(String message) {
    return new QueryProblem("BAD_USER_INPUT", message);
  }

  String code() {
    return code;
  }
}
