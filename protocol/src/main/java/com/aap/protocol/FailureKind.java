package com.aap.protocol;

/** What the API does with a job that failed for a reason of this kind. */
public enum FailureKind {
  /** Trying again will not help (a wrong password): the job fails. */
  PERMANENT(JobState.FAILED),
  /** It may pass later (CJ unreachable): queued again after a backoff, failed once out of attempts. */
  TRANSIENT(JobState.QUEUED),
  /** Something nobody expected (a page the agent does not know): a person looks at it. */
  UNEXPECTED(JobState.NEEDS_ATTENTION);

  private final JobState leadsTo;

  FailureKind(JobState leadsTo) {
    this.leadsTo = leadsTo;
  }

  /** The state a job with attempts left moves to. */
  public JobState leadsTo() {
    return leadsTo;
  }

  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  public static FailureKind find(String text) {
    return Wire.find(FailureKind.class, text);
  }
}
