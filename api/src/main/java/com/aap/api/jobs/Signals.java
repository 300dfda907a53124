package com.aap.api.jobs;

/**
 * Event bus addresses that wake workers promptly. They are only hints: every worker also re-checks
 * PostgreSQL on a timer, which covers lost signals.
 *
 * <p>{@link #JOB_QUEUED} and {@link #JOB_CHANGED} reach every API instance: a trigger on the jobs table
 * NOTIFYs on commit and each instance's {@link JobSignals} republishes on its own event bus (the
 * writer's own instance may also publish {@link #JOB_QUEUED} at once). The others stay in the process
 * that made them, whose own workers do the work.
 */
public final class Signals {

  private Signals() {
  }

  /** A job became claimable, here or on another instance; body: the job id, or "" for several. */
  public static final String JOB_QUEUED = "aap.jobs.queued";
  /** A job changed state, here or on another instance; body: {@code "<job id> <state>"}, or "" for any. */
  public static final String JOB_CHANGED = "aap.jobs.changed";
  /** A token was handed over; body: the job id. */
  public static final String TOKEN_CAPTURED = "aap.tokens.captured";
  /** A store's commission sync became due (its token was verified); body: the store id. */
  public static final String RETRIEVAL_QUEUED = "aap.retrievals.queued";
}
