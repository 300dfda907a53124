package com.aap.api.commissions;

import com.aap.api.jobs.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls CJ again after a transient failure. A 5xx, a timeout or an unreachable CJ waits base, 2 x base,
 * 4 x base, ... (±20 % jitter) and counts against {@code tries}; a 429 waits what its {@code Retry-After} says
 * (never less; base when it says nothing) and counts against a budget of its own, {@value #RATE_LIMITED_TRIES}
 * calls, since being told to slow down says nothing about CJ's health.
 */
final class CjRetries {

  static final int RATE_LIMITED_TRIES = 50;

  private CjRetries() {
  }

  static <T> Future<T> call(Vertx vertx, int tries, int baseMillis, Supplier<Future<T>> call) {
    return attempt(vertx, tries, baseMillis, call, 1, 0);
  }

  private static <T> Future<T> attempt(Vertx vertx, int tries, int baseMillis, Supplier<Future<T>> call, int failures,
                                       int limited) {
    return call.get().recover(e -> {
      if (!(e instanceof CjException cje) || cje.kind() != CjException.Kind.TRANSIENT) return Future.failedFuture(e);
      boolean rateLimited = cje.retryAfter() != null;
      if (rateLimited ? limited + 1 >= RATE_LIMITED_TRIES : failures >= tries) return Future.failedFuture(e);
      Duration wait = rateLimited ? cje.retryAfter() : Backoff.afterAttempt(failures, baseMillis);
      return delay(vertx, wait).compose(v -> rateLimited
          ? attempt(vertx, tries, baseMillis, call, failures, limited + 1)
          : attempt(vertx, tries, baseMillis, call, failures + 1, limited));
    });
  }

  private static Future<Void> delay(Vertx vertx, Duration wait) {
    if (wait.isZero()) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    vertx.setTimer(Math.max(1, wait.toMillis()), t -> done.complete());
    return done.future();
  }
}
