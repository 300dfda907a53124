package com.aap.agent;

import com.aap.protocol.ErrorCode;
import com.aap.protocol.FailureKind;
import com.aap.protocol.Step;

/**
 * Why a job could not finish, in the terms of the agent protocol: an {@link ErrorCode}, whose kind tells
 * the API what to do next (docs/design.md). Messages are for specialists and never hold secrets.
 */
public final class JobFailure extends Exception {

  private final ErrorCode code;
  private final Step step;

  public JobFailure(ErrorCode code, String message) {
    this(code, message, null);
  }

  private JobFailure(ErrorCode code, String message, Step step) {
    super(message);
    this.code = code;
    this.step = step;
  }

  public static JobFailure of(ErrorCode code, String message) {
    return new JobFailure(code, message);
  }

  /** The job was reclaimed or cancelled: stop, and report nothing. */
  public static JobFailure fencedOut(String jobId) {
    return new JobFailure(ErrorCode.LEASE_LOST, "job " + jobId + " is no longer this agent's");
  }

  /** The same failure, pinned to the step the flow was in. */
  public JobFailure atStep(Step step) {
    return this.step != null ? this : new JobFailure(code, getMessage(), step);
  }

  public boolean isFencedOut() {
    return code == ErrorCode.LEASE_LOST;
  }

  public ErrorCode errorCode() {
    return code;
  }

  /** The code's wire name: {@code unexpected_page}. */
  public String code() {
    return code.wire();
  }

  public FailureKind kind() {
    return code.kind();
  }

  /** The flow's step when it failed, or null when not known here. */
  public Step step() {
    return step;
  }
}
