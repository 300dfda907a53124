package com.aap.protocol;

/**
 * Where a job is in its life. {@code queued} and {@code running} are active (a store has at most one
 * active job that may register a token); the other four are ends, which only a specialist's retry leaves.
 */
public enum JobState {
  QUEUED, RUNNING, SUCCEEDED, FAILED, NEEDS_ATTENTION, CANCELLED;

  public boolean isActive() {
    return this == QUEUED || this == RUNNING;
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
