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
  private final String code;

  public CjException(Kind kind, String message) {
    this(kind, null, message);
  }

  /** {@code code}: CJ's own word for the refusal ({@code UNAUTHENTICATED}, {@code FORBIDDEN}), or null. */
  public CjException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** For a {@link Kind#REJECTED} token: {@code UNAUTHENTICATED} (unknown to CJ) or {@code FORBIDDEN} (not for this company). */
  public String code() {
    return code;
  }
}
