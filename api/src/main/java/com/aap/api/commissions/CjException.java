package com.aap.api.commissions;

/** A failed Commission Detail call; the message never contains the token. */
public final class CjException extends RuntimeException {

  public enum Kind {
    /** The token is unknown to CJ or may not see the company (401, UNAUTHENTICATED, FORBIDDEN). */
    REJECTED,
    /** Worth retrying: network errors, timeouts, HTTP 429 and 5xx. */
    TRANSIENT,
    /** Anything else: another GraphQL error or an unreadable answer. */
    OTHER
  }

  private final Kind kind;

  public CjException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
