package com.aap.sandbox.http;

/** One invalid input field and what is wrong with it. */
public record FieldProblem(String field, String problem) {}
