package com.aap.agent;

/**
 * Why a job could not finish, in the terms of the agent protocol: a stable code, and a kind that tells
 * the API what to do next (docs/design.md). Messages are for specialists and never hold secrets.
 */
public final class JobFailure extends Exception {

  public enum Kind { PERMANENT, TRANSIENT, UNEXPECTED }

  private final String code;
  private final Kind kind;

  public JobFailure(String code, Kind kind, String message) {
    super(message);
    this.code = code;
    this.kind = kind;
  }

  public static JobFailure permanent(String code, String message) {
    return new JobFailure(code, Kind.PERMANENT, message);
  }

  public static JobFailure transientFailure(String code, String message) {
    return new JobFailure(code, Kind.TRANSIENT, message);
  }

  public static JobFailure unexpected(String code, String message) {
    return new JobFailure(code, Kind.UNEXPECTED, message);
  }

  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }
}
