package com.aap.sandbox.http;

import java.util.List;

/** Thrown by request parsing; answered as 400 with the fields that were wrong. */
public final class BadInput extends RuntimeException {
  private final transient List<FieldProblem> fields;

  public BadInput(String message, List<FieldProblem> fields) {
    super(message, null, false, false);
    this.fields = List.copyOf(fields);
  }

  public static BadInput field(String field, String problem) {
    return new BadInput(field + ": " + problem, List.of(new FieldProblem(field, problem)));
  }

  public List<FieldProblem> fields() {
    return fields;
  }
}
