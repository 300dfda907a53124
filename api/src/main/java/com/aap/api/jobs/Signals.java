package com.aap.api.jobs;

/**
 * In-process event bus addresses that wake workers promptly. They are only hints: every worker also
 * re-checks PostgreSQL on a timer, which covers other API instances and lost signals.
 */
public final class Signals {

  private Signals() {
  }

  /** A job became claimable. */
  public static final String JOB_QUEUED = "aap.jobs.queued";
  /** A token was handed over; body: the job id. */
  public static final String TOKEN_CAPTURED = "aap.tokens.captured";
  /** A store's commission sync became due (its token was verified); body: the store id. */
  public static final String RETRIEVAL_QUEUED = "aap.retrievals.queued";
}
