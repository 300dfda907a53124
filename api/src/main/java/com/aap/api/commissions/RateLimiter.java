package com.aap.api.commissions;

/**
 * A token bucket, kept as the generic cell rate algorithm: one number, the moment the bucket would be empty
 * at the sustained rate ({@code theoretical}); a caller may run up to {@code burst} calls ahead of it. A
 * permit is reserved at once and the caller told how long to wait, so nothing blocks. {@link #pauseUntil}
 * holds every permit back until a moment (a 429's {@code Retry-After}).
 */
final class RateLimiter {

  private final long intervalNanos;
  private final long toleranceNanos;
  private long theoretical = Long.MIN_VALUE;
  private long notBefore = Long.MIN_VALUE;

  /** {@code perMinute} calls a minute on average, bursts of up to a tenth of a minute's calls (at least 1). */
  RateLimiter(int perMinute) {
    this.intervalNanos = 60_000_000_000L / perMinute;
    this.toleranceNanos = (perMinute / 10) * intervalNanos;
  }

  /** Takes the next permit; returns how long (nanos) to wait before the call it allows. */
  synchronized long reserve(long now) {
    long due = Math.max(theoretical, now);
    long at = Math.max(Math.max(now, due - toleranceNanos), notBefore);
    theoretical = Math.max(due, at) + intervalNanos;
    return at - now;
  }

  synchronized void pauseUntil(long moment) {
    notBefore = Math.max(notBefore, moment);
  }

  /** Full again and not paused: forgetting it changes nothing. */
  synchronized boolean idle(long now) {
    return theoretical <= now - toleranceNanos && notBefore <= now;
  }
}
