package com.aap.sandbox.faults;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code rateLimitPercent} fault: that share of Commission Detail calls is answered 429 with
 * {@code Retry-After}, spread evenly (call n is refused when n x percent / 100 reaches a new whole number), so
 * a test sees the same share every run. A token that calls again before its {@code Retry-After} has passed is
 * refused again and counted in {@code callsBeforeRetryAfter}, which a well-behaved client keeps at 0.
 */
public final class RateLimit {
  private volatile int percent;
  private volatile int retryAfterSeconds = 1;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong limited = new AtomicLong();
  private final AtomicLong early = new AtomicLong();
  /** By token: the moment (epoch millis) before which it was told not to call. */
  private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

  public void set(int percent, int retryAfterSeconds) {
    this.percent = percent;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Null when the call may go on; else the seconds to answer in {@code Retry-After}. */
  public Integer refuse(String token, long nowMillis) {
    Long until = notBefore.get(token);
    if (until != null && until > nowMillis) {
      early.incrementAndGet();
      return (int) Math.max(1, (until - nowMillis + 999) / 1000);
    }
    int share = percent;
    if (share == 0) return null;
    long n = calls.incrementAndGet();
    if (n * share / 100 == (n - 1) * share / 100) return null;
    limited.incrementAndGet();
    int seconds = retryAfterSeconds;
    notBefore.put(token, nowMillis + seconds * 1000L);
    return seconds;
  }

  void clear() {
    percent = 0;
    retryAfterSeconds = 1;
    calls.set(0);
    limited.set(0);
    early.set(0);
    notBefore.clear();
  }

  JsonObject toJson() {
    return new JsonObject().put("percent", percent).put("retryAfterSeconds", retryAfterSeconds)
        .put("limited", limited.get()).put("callsBeforeRetryAfter", early.get());
  }
}
