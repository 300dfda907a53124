package com.aap.protocol;

/**
 * The names in a job's step log ({@code GET /api/jobs/{id}} shows them in order) and in an error's
 * {@code step}. Some are written by the API as it moves the job, some are the agent's progress; an
 * agent reports the latter with {@code POST .../steps} ({@link #isProgress()}). Two of the agent's steps
 * are protocol verbs with an answer of their own: {@link #SIGNING_IN} is {@code POST .../sign-in-slot}
 * and {@link #REGISTERING} is {@code POST .../checkpoint}.
 */
public enum Step {
  /** Written by the API when the job is queued. */
  QUEUED,
  /** Written by the API when an agent claims the job. */
  CLAIMED,
  /** The agent took the CJ login's sign-in slot and is signing in. */
  SIGNING_IN,
  /**
   * Written by the API when sign-in met a page the agent cannot pass and the job waits for a person to take
   * over its browser (protocol verb {@code POST .../wait-for-person}).
   */
  WAITING_FOR_PERSON,
  /** Written by the API when a specialist gave up on the page the job waited on. */
  GIVEN_UP,
  /** The agent sees the portal signed in. */
  SIGNED_IN,
  /** The store's company is the portal's current company. */
  COMPANY_SELECTED,
  /** The checkpoint: the agent is about to click Register under the name the API chose. */
  REGISTERING,
  /** The agent read the token from the page (agent-side only: a pause point for crash tests). */
  TOKEN_READ,
  /** The agent is handing the token over (agent-side only: the step a failure names). */
  HANDING_OVER,
  /** The API has the token (agent-side only: a pause point for crash tests). */
  HANDED_OVER,
  /** Written by the API when the handed-over token is encrypted in PostgreSQL. */
  TOKEN_STORED,
  /** Written by the API when CJ accepted the token for the store's company. */
  TOKEN_VERIFIED,
  SUCCEEDED,
  RETRIEVAL_QUEUED,
  /** A specialist queued the job again. */
  RETRY_REQUESTED,
  /** A specialist cancelled the job. */
  CANCELLED,
  /** A portal check's report arrived. */
  CHECK_REPORTED;

  /** A step an agent reports as progress with {@code POST .../steps}. */
  public boolean isProgress() {
    return this == SIGNED_IN || this == COMPANY_SELECTED;
  }

  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  /** The step named {@code text}, or null when there is none. */
  public static Step find(String text) {
    return Wire.find(Step.class, text);
  }
}
