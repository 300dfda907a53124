package com.aap.protocol;

/**
 * The {@code error.code} of the agent protocol's 409 answers that tell an agent how to go on.
 */
public enum Refusal {
  /** Another claim holds the job now: stop working on it. */
  LEASE_LOST,
  /** The job ended or was cancelled: stop working on it. */
  JOB_NOT_RUNNING,
  /** The job already has its token: do not register another. */
  TOKEN_ALREADY_STORED,
  /** Another job is signing in with this CJ login: ask for the slot again shortly. */
  SIGN_IN_BUSY,
  /** A portal check without register asked for the registering checkpoint. */
  CHECK_WITHOUT_REGISTER,
  /** A one-time code was asked for a CJ login without a TOTP secret. */
  NO_TOTP_SECRET,
  /** No person may take over this job (take-over is off, or the job is a portal check): fail it as before. */
  TAKE_OVER_OFF;

  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  /** Lost, ended or finished elsewhere: the agent must stop the job. */
  public boolean fencesOut() {
    return this == LEASE_LOST || this == JOB_NOT_RUNNING || this == TOKEN_ALREADY_STORED;
  }

  public static Refusal find(String text) {
    return Wire.find(Refusal.class, text);
  }
}
