package com.aap.protocol;

import static com.aap.protocol.FailureKind.PERMANENT;
import static com.aap.protocol.FailureKind.TRANSIENT;
import static com.aap.protocol.FailureKind.UNEXPECTED;

/**
 * Why a job ended or was put back: the {@code error.code} of a job, each with its kind, which decides
 * what happens next. The agent reports the first group; the API writes the second.
 */
public enum ErrorCode {
  // reported by the agent
  CJ_PASSWORD_REJECTED(PERMANENT),
  CJ_OTP_REJECTED(PERMANENT),
  CJ_COMPANY_NOT_ACCESSIBLE(PERMANENT),
  CJ_LOGIN_BUSY(TRANSIENT),
  CJ_SERVER_ERROR(TRANSIENT),
  CJ_SESSION_ENDED(TRANSIENT),
  CJ_SLOW(TRANSIENT),
  CJ_UNREACHABLE(TRANSIENT),
  API_UNREACHABLE(TRANSIENT),
  AGENT_STOPPED(TRANSIENT),
  CJ_CAPTCHA(UNEXPECTED),
  CJ_SECOND_FACTOR_REQUIRED(UNEXPECTED),
  SIGN_IN_ORIGIN_NOT_ALLOWED(UNEXPECTED),
  UNEXPECTED_PAGE(UNEXPECTED),
  TOKEN_NOT_SHOWN(UNEXPECTED),
  HAND_OVER_REFUSED(UNEXPECTED),
  HAND_OVER_FAILED(UNEXPECTED),
  HAND_OVER_INTERRUPTED(UNEXPECTED),
  AGENT_ERROR(UNEXPECTED),
  /** The job is no longer the agent's (reclaimed, cancelled, ended): it stops and reports nothing. */
  LEASE_LOST(TRANSIENT),

  // written by the API
  /** The agent stopped heartbeating before a token was handed over. */
  AGENT_LEASE_EXPIRED(TRANSIENT),
  CANCELLED(PERMANENT),
  /** CJ kept refusing the token as unauthenticated for {@code TOKEN_REFUSAL_PATIENCE_SECONDS}. */
  TOKEN_REJECTED_BY_CJ(PERMANENT),
  /** CJ answered the verification query with something unexpected. */
  TOKEN_VERIFICATION_FAILED(UNEXPECTED),
  /** CJ did not answer the verification query before {@code TOKEN_VERIFICATION_DEADLINE_SECONDS}. */
  TOKEN_VERIFICATION_TIMED_OUT(UNEXPECTED),
  /**
   * A newer token (a newer job's, or one entered by hand) is the store's: this older job's token is listed
   * for revocation instead.
   */
  TOKEN_SUPERSEDED(PERMANENT),
  PORTAL_CHECK_FAILED(PERMANENT);

  private final FailureKind kind;

  ErrorCode(FailureKind kind) {
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }

  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  /** The code named {@code text}, or null when there is none. */
  public static ErrorCode find(String text) {
    return Wire.find(ErrorCode.class, text);
  }
}
