package com.aap.sandbox.commissions;

import java.math.BigDecimal;

/** Amounts are kept in cents and written as decimal strings with two places ("-12.50"). */
final class Money {
  private Money() {}

  static String format(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** {@code cents * percent / 100}, rounded half up (amounts here are never negative when this runs). */
  static long percentOf(long cents, int percent) {
    return (cents * percent + 50) / 100;
  }
}
