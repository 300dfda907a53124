package com.aap.protocol;

/**
 * Where a job is in its life. {@code queued}, {@code running} and {@code waiting_for_person} are active (a
 * store has at most one active job that may register a token); the other four are ends, which only a
 * specialist's retry leaves. {@code waiting_for_person}: the agent met a sign-in page it cannot pass (a
 * CAPTCHA, a second factor it has no secret for, a page its profile does not know) and keeps it open, under
 * its lease and holding the CJ login's sign-in slot, for a specialist to finish in the live view.
 */
public enum JobState {
  QUEUED, RUNNING, SUCCEEDED, FAILED, NEEDS_ATTENTION, CANCELLED, WAITING_FOR_PERSON;

  public boolean isActive() {
    return this == QUEUED || this == RUNNING || this == WAITING_FOR_PERSON;
  }

  /** The name in JSON and in the database: {@code needs_attention}. */
  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  /** The state named {@code text}; throws when there is none (the database's check constraint allows no other). */
  public static JobState of(String text) {
    JobState state = Wire.find(JobState.class, text);
    if (state == null) throw new IllegalArgumentException("no job state " + text);
    return state;
  }
}
