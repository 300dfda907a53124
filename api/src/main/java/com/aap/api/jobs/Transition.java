package com.aap.api.jobs;

import com.aap.protocol.JobState;

import java.util.EnumSet;
import java.util.Set;

import static com.aap.protocol.JobState.CANCELLED;
import static com.aap.protocol.JobState.FAILED;
import static com.aap.protocol.JobState.QUEUED;
import static com.aap.protocol.JobState.RUNNING;
import static com.aap.protocol.JobState.SUCCEEDED;
import static com.aap.protocol.JobState.WAITING_FOR_PERSON;

/**
 * Every move a job can make: the states it may start from and those it may end in. {@link JobStore}
 * binds {@link #from()} into each statement's {@code WHERE}, so this table is the rule itself, not a
 * description of it; a move from any other state changes nothing and is refused.
 */
public enum Transition {
  /** An agent takes the job; every claim starts a new lease (the fencing token). */
  CLAIM(EnumSet.of(QUEUED), EnumSet.of(RUNNING)),
  /** The claimant went away before it was told: the claim is undone. */
  RELEASE(EnumSet.of(RUNNING), EnumSet.of(QUEUED)),
  /** Also while the job waits for a person: the agent keeps the page open, and the lease alive. */
  HEARTBEAT(EnumSet.of(RUNNING, WAITING_FOR_PERSON), EnumSet.of(RUNNING, WAITING_FOR_PERSON)),
  /** A progress step; gives the sign-in slot back. */
  PROGRESS(EnumSet.of(RUNNING), EnumSet.of(RUNNING)),
  /** One sign-in per CJ login at a time. */
  TAKE_SIGN_IN_SLOT(EnumSet.of(RUNNING), EnumSet.of(RUNNING)),
  /** The registering checkpoint, before Register is clicked. */
  CHECKPOINT(EnumSet.of(RUNNING), EnumSet.of(RUNNING)),
  /**
   * Sign-in met a page the agent cannot pass: it keeps the page open for a specialist's live take-over, under
   * its lease and holding the sign-in slot; the reason is the job's error meanwhile.
   */
  WAIT_FOR_PERSON(EnumSet.of(RUNNING), EnumSet.of(WAITING_FOR_PERSON)),
  /** The page the agent waited on is passed (a person finished it): the agent goes on. */
  RESUME(EnumSet.of(WAITING_FOR_PERSON), EnumSet.of(RUNNING)),
  /** A specialist gives up on taking over: needs attention, as if the agent had failed with the reason. */
  GIVE_UP(EnumSet.of(WAITING_FOR_PERSON), EnumSet.of(JobState.NEEDS_ATTENTION)),
  /** The agent's failures; from waiting too (nobody took over in time, the browser died meanwhile). */
  FAIL_PERMANENTLY(EnumSet.of(RUNNING, WAITING_FOR_PERSON), EnumSet.of(FAILED)),
  /** Queued again after a backoff, or failed once out of attempts. */
  FAIL_TRANSIENTLY(EnumSet.of(RUNNING, WAITING_FOR_PERSON), EnumSet.of(QUEUED, FAILED)),
  NEEDS_ATTENTION(EnumSet.of(RUNNING, WAITING_FOR_PERSON), EnumSet.of(JobState.NEEDS_ATTENTION)),
  /** The agent went silent before a token was handed over: queued again, or failed once out of attempts. */
  EXPIRE_LEASE(EnumSet.of(RUNNING, WAITING_FOR_PERSON), EnumSet.of(QUEUED, FAILED)),
  /** A portal check without a token ends by its report. */
  SUCCEED_CHECK(EnumSet.of(RUNNING), EnumSet.of(SUCCEEDED)),
  /**
   * CJ accepted the job's handed-over token. Also from the ends a job reaches without its agent (lease
   * expired, given up): the token exists in CJ, and it is better kept as the store's than lost. Not from
   * {@code cancelled}: a token handed over after a cancel is listed for revocation instead.
   */
  SUCCEED(EnumSet.of(QUEUED, RUNNING, FAILED, JobState.NEEDS_ATTENTION), EnumSet.of(SUCCEEDED)),
  /** CJ refused the job's token, or answered oddly. */
  FAIL_VERIFICATION(EnumSet.of(QUEUED, RUNNING, FAILED, JobState.NEEDS_ATTENTION), EnumSet.of(FAILED, JobState.NEEDS_ATTENTION)),
  /** A specialist asks again, with a fresh budget of attempts; never once a token is captured. */
  RETRY(EnumSet.of(FAILED, JobState.NEEDS_ATTENTION, CANCELLED), EnumSet.of(QUEUED)),
  /** A specialist stops the job (and fences its agent out); never once a token is captured. */
  CANCEL(EnumSet.of(QUEUED, RUNNING, WAITING_FOR_PERSON), EnumSet.of(CANCELLED));

  private final Set<JobState> from;
  private final Set<JobState> to;

  Transition(Set<JobState> from, Set<JobState> to) {
    this.from = from;
    this.to = to;
  }

  public Set<JobState> from() {
    return from;
  }

  public Set<JobState> to() {
    return to;
  }

  /**
   * The from-states as a statement's parameter ({@code state = ANY($n)}): a {@code String[]}, typed Object so
   * that {@code Tuple.of(id, from)} does not spread it as varargs.
   */
  Object fromParam() {
    return from.stream().map(JobState::wire).toArray(String[]::new);
  }
}
