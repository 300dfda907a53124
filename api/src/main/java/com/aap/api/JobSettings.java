package com.aap.api;

import java.time.Duration;

/**
 * How the job queue behaves: attempts before a transient failure becomes final, how long a claim's
 * lease lasts without a heartbeat (a silent agent's job is reclaimed within {@link #reclaimWithin()}),
 * and the base of the exponential backoff between attempts. Then how long a captured token is given:
 * CJ refusing it as unauthenticated is asked again for {@code refusalPatienceSeconds} (a new token may take
 * a while to work), CJ not answering for {@code verificationDeadlineSeconds} after the capture; a job never
 * stays unfinished past them. A commission retrieval ends within {@code retrievalDeadlineSeconds}. A job
 * whose sign-in met a page the agent cannot pass waits {@code takeOverWaitSeconds} for a person (0: never).
 */
public record JobSettings(int maxAttempts, int leaseSeconds, int backoffBaseMillis, int refusalPatienceSeconds,
                          int verificationDeadlineSeconds, int retrievalDeadlineSeconds, int takeOverWaitSeconds) {

  public JobSettings(int maxAttempts, int leaseSeconds, int backoffBaseMillis) {
    this(maxAttempts, leaseSeconds, backoffBaseMillis, 900, 3600, 1800, 900);
  }

  public static JobSettings defaults() {
    return new JobSettings(3, 20, 2000);
  }

  static JobSettings from(ConfigKeys keys) {
    return new JobSettings(keys.integer("JOB_MAX_ATTEMPTS", 3, 1, 100),
        keys.integer("JOB_LEASE_SECONDS", 20, 3, 3600),
        keys.integer("JOB_BACKOFF_BASE_MILLIS", 2000, 0, 600_000),
        keys.integer("TOKEN_REFUSAL_PATIENCE_SECONDS", 900, 0, 86_400),
        keys.integer("TOKEN_VERIFICATION_DEADLINE_SECONDS", 3600, 10, 7 * 86_400),
        keys.integer("RETRIEVAL_DEADLINE_SECONDS", 1800, 10, 86_400),
        keys.integer("TAKE_OVER_WAIT_SECONDS", 900, 0, 86_400));
  }

  public JobSettings withMaxAttempts(int value) {
    return new JobSettings(value, leaseSeconds, backoffBaseMillis, refusalPatienceSeconds, verificationDeadlineSeconds,
        retrievalDeadlineSeconds, takeOverWaitSeconds);
  }

  public JobSettings withLeaseSeconds(int value) {
    return new JobSettings(maxAttempts, value, backoffBaseMillis, refusalPatienceSeconds, verificationDeadlineSeconds,
        retrievalDeadlineSeconds, takeOverWaitSeconds);
  }

  public JobSettings withBackoffBaseMillis(int value) {
    return new JobSettings(maxAttempts, leaseSeconds, value, refusalPatienceSeconds, verificationDeadlineSeconds,
        retrievalDeadlineSeconds, takeOverWaitSeconds);
  }

  public JobSettings withRefusalPatienceSeconds(int value) {
    return new JobSettings(maxAttempts, leaseSeconds, backoffBaseMillis, value, verificationDeadlineSeconds,
        retrievalDeadlineSeconds, takeOverWaitSeconds);
  }

  public JobSettings withVerificationDeadlineSeconds(int value) {
    return new JobSettings(maxAttempts, leaseSeconds, backoffBaseMillis, refusalPatienceSeconds, value,
        retrievalDeadlineSeconds, takeOverWaitSeconds);
  }

  /** How long a job whose sign-in met a page the agent cannot pass waits for a person; 0: it does not wait. */
  public JobSettings withTakeOverWaitSeconds(int value) {
    return new JobSettings(maxAttempts, leaseSeconds, backoffBaseMillis, refusalPatienceSeconds, verificationDeadlineSeconds,
        retrievalDeadlineSeconds, value);
  }

  /** The expiry sweep runs four times per lease, so a lease is reclaimed at most a quarter late. */
  public Duration sweepEvery() {
    return Duration.ofMillis(leaseSeconds * 250L);
  }

  public Duration reclaimWithin() {
    return Duration.ofSeconds(leaseSeconds).plus(sweepEvery());
  }

  void validate() {
    if (maxAttempts < 1) throw ConfigKeys.bad("JOB_MAX_ATTEMPTS", "must be at least 1");
    if (leaseSeconds < 3) throw ConfigKeys.bad("JOB_LEASE_SECONDS", "must be at least 3");
    if (backoffBaseMillis < 0) throw ConfigKeys.bad("JOB_BACKOFF_BASE_MILLIS", "must be 0 or more");
  }
}
