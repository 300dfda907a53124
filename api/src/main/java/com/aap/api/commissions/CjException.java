package com.aap.api.commissions;

import java.time.Duration;

/** A failed Commission Detail call; the message never contains the token. */
public final class CjException extends RuntimeException {

  public enum Kind {
    /** The token is unknown to CJ: revoked, deleted, not yet active (401, UNAUTHENTICATED). */
    REJECTED,
    /** The token works but may not see the company (FORBIDDEN, 403): its user left the company. */
    FORBIDDEN,
    /** Worth retrying: network errors, timeouts, HTTP 429 and 5xx. */
    TRANSIENT,
    /** Anything else: another GraphQL error or an unreadable answer. */
    OTHER
  }

  private final Kind kind;
  private final Duration retryAfter;

  public CjException(Kind kind, String message) {
    this(kind, message, null);
  }

  /** {@code retryAfter}: CJ answered 429 and said how long to wait before the next call (null: it did not). */
  public CjException(Kind kind, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** How long CJ asked us to wait (a 429's {@code Retry-After}); null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** A refusal of the token itself (unknown, or not allowed for the company), not of the moment. */
  public boolean refusesToken() {
    return kind == Kind.REJECTED || kind == Kind.FORBIDDEN;
  }
}
