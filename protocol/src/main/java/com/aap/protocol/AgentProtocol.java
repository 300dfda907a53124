package com.aap.protocol;

import java.util.List;

/**
 * The agent protocol: what an agent sends to the API and what it gets back, one record per message
 * (their components are the JSON fields; enums travel as their wire names). docs/design.md describes
 * each call. Every call but the claim and the hand-over presents the job's {@code lease}: a stale one is
 * refused with 409 {@link Refusal#LEASE_LOST} or {@link Refusal#JOB_NOT_RUNNING}.
 */
public final class AgentProtocol {

  private AgentProtocol() {
  }

  /** The protocol's root; the paths below are relative to it. */
  public static final String ROOT = "/agent/v1/";
  public static final String CLAIM = "jobs/claim";
  public static final int MAX_WAIT_SECONDS = 30;
  public static final int MAX_JOBS_PER_CLAIM = 10;

  /** {@link LeaseReport}: renews the lease, 204. */
  public static String heartbeat(String jobId) {
    return job(jobId, "heartbeat");
  }

  /** {@link LeaseReport}: takes the CJ login's sign-in slot (one sign-in per login at a time), or 409 {@link Refusal#SIGN_IN_BUSY}. */
  public static String signInSlot(String jobId) {
    return job(jobId, "sign-in-slot");
  }

  /** {@link StepReport} for a {@link Step#isProgress() progress step}; gives the sign-in slot back. */
  public static String steps(String jobId) {
    return job(jobId, "steps");
  }

  /** {@link LeaseReport} before Register is clicked: answers {@link CheckpointAnswer} with the name to register. */
  public static String checkpoint(String jobId) {
    return job(jobId, "checkpoint");
  }

  /**
   * {@link LeaseReport} when CJ asks for a one-time code: answers {@link OneTimeCodeAnswer}, a code the API
   * computed from the login's TOTP secret (which never leaves it), with at least five seconds of life left;
   * 409 {@link Refusal#NO_TOTP_SECRET} for a login without one.
   */
  public static String oneTimeCode(String jobId) {
    return job(jobId, "one-time-code");
  }

  /** {@link TokenHandover}: answers {@link HandoverAnswer} once the token is encrypted in PostgreSQL. */
  public static String token(String jobId) {
    return job(jobId, "token");
  }

  /** {@link FailureReport}: answers {@link FailureAnswer}. */
  public static String failure(String jobId) {
    return job(jobId, "failure");
  }

  /** A portal check's report (its elements, found or not); answers {@link FailureAnswer} with the check's state. */
  public static String checkReport(String jobId) {
    return job(jobId, "check-report");
  }

  /**
   * {@link FailureReport} (without a screenshot) when sign-in meets a page the agent cannot pass: the job
   * waits for a person ({@link JobState#WAITING_FOR_PERSON}), the report's code and message being the reason.
   * Answers {@link WaitAnswer}; 409 {@link Refusal#TAKE_OVER_OFF} when nobody may take over (then fail as before).
   */
  public static String waitForPerson(String jobId) {
    return job(jobId, "wait-for-person");
  }

  /** {@link LeaseReport} once the page the agent waited on is passed: the job runs again, 204. */
  public static String resume(String jobId) {
    return job(jobId, "resume");
  }

  /**
   * The live view's WebSocket ({@code ?lease=N}): the agent sends the page's screencast as binary JPEG
   * messages and {@link LiveMessages} as text; the API sends the specialists' input and their coming and going.
   */
  public static String live(String jobId) {
    return job(jobId, "live");
  }

  private static String job(String jobId, String verb) {
    return "jobs/" + jobId + "/" + verb;
  }

  /**
   * {@code POST jobs/claim}: waits up to {@code waitSeconds} (at most {@value #MAX_WAIT_SECONDS}) for up to
   * {@code max} jobs of one CJ login, those of {@code heldLogins} (logins the claimant has a signed-in
   * session for) first. {@code holder}: the agent whose workers share the logins it gets. Answers
   * {@link ClaimAnswer}, or 204 when nothing came.
   */
  public record ClaimRequest(String agentId, String holder, int waitSeconds, List<String> heldLogins, int max) {
  }

  public record ClaimAnswer(List<ClaimedJob> jobs) {
  }

  /** The body of a heartbeat, the sign-in slot, the checkpoint and a one-time code's request. */
  public record LeaseReport(long lease) {
  }

  public record StepReport(Step name, long lease) {
  }

  /** The name to register: the job's own, or a distinct one when an earlier attempt may have registered. */
  public record CheckpointAnswer(String tokenName) {
  }

  /**
   * A failure: {@code kind} must be the code's own ({@link ErrorCode#kind()}); {@code step} is where the job
   * was; {@code screenshot} a masked PNG, base64, or null.
   */
  public record FailureReport(ErrorCode code, FailureKind kind, String message, Step step, long lease,
                              String screenshot) {

    public FailureReport(ErrorCode code, String message, Step step, long lease, String screenshot) {
      this(code, code.kind(), message, step, lease, screenshot);
    }

    @Override
    public String toString() {
      return "FailureReport[" + code + " at " + step + "]";
    }
  }

  /** How long the job may wait for a person before the agent ends it as the reason says. */
  public record WaitAnswer(int waitSeconds) {
  }

  /** What the job became. */
  public record FailureAnswer(JobState state) {
  }

  /** A one-time code for the job's CJ login (6 digits). Its toString hides the code. */
  public record OneTimeCodeAnswer(String code) {
    @Override
    public String toString() {
      return "OneTimeCodeAnswer[****]";
    }
  }

  /** Not fenced by the lease: a token CJ issued is kept whoever brings it. Its toString hides the token. */
  public record TokenHandover(String token, String name) {
    @Override
    public String toString() {
      return "TokenHandover[" + name + "]";
    }
  }

  public record HandoverAnswer(boolean stored) {
  }
}
