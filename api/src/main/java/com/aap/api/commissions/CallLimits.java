package com.aap.api.commissions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CJ's limits as this instance keeps them: {@code perToken} calls a minute for each store's token and
 * {@code overall} for all of them, and a token told to wait (429 {@code Retry-After}) makes no call before
 * that moment. Used from one event loop (the sync verticle's).
 */
final class CallLimits {

  private final Vertx vertx;
  private final int perToken;
  private final RateLimiter overall;
  private final Map<String, RateLimiter> byToken = new HashMap<>();

  CallLimits(Vertx vertx, int perToken, int overall) {
    this.vertx = vertx;
    this.perToken = perToken;
    this.overall = new RateLimiter(overall);
  }

  /** Completes when a call with the store's token may go out under both limits. */
  Future<Void> permit(String storeId) {
    RateLimiter token = byToken.computeIfAbsent(storeId, k -> new RateLimiter(perToken));
    return after(token.reserve(System.nanoTime())).compose(v -> after(overall.reserve(System.nanoTime())));
  }

  /** CJ asked this token to wait: no call with it before then. */
  void retryAfter(String storeId, Duration wait) {
    byToken.computeIfAbsent(storeId, k -> new RateLimiter(perToken)).pauseUntil(System.nanoTime() + wait.toNanos());
  }

  /** Drops the buckets of tokens that have been quiet long enough to be full again. */
  void forgetIdle() {
    long now = System.nanoTime();
    byToken.values().removeIf(limiter -> limiter.idle(now));
  }

  private Future<Void> after(long nanos) {
    if (nanos <= 0) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), t -> done.complete()); // never early
    return done.future();
  }
}
