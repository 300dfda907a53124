package com.aap.agent;

/**
 * Why a job could not finish, in the terms of the agent protocol: a stable code, and a kind that tells
 * the API what to do next (docs/design.md). Messages are for specialists and never hold secrets.
 */
public final class JobFailure extends Exception {

  public enum Kind { PERMANENT, TRANSIENT, UNEXPECTED }

  static final String FENCED_OUT = "lease_lost";

  private final String code;
  private final Kind kind;
  private final String step;

  public JobFailure(String code, Kind kind, String message) {
    this(code, kind, message, null);
  }

  private JobFailure(String code, Kind kind, String message, String step) {
    super(message);
    this.code = code;
    this.kind = kind;
    this.step = step;
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

  /** The job was reclaimed or cancelled: stop, and report nothing. */
  public static JobFailure fencedOut(String jobId) {
    return new JobFailure(FENCED_OUT, Kind.TRANSIENT, "job " + jobId + " is no longer this agent's");
  }

  /** The same failure, pinned to the step the flow was in. */
  public JobFailure atStep(String step) {
    return this.step != null ? this : new JobFailure(code, kind, getMessage(), step);
  }

  public boolean isFencedOut() {
    return FENCED_OUT.equals(code);
  }

  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  /** The flow's step when it failed, or null when not known here. */
  public String step() {
    return step;
  }
}
