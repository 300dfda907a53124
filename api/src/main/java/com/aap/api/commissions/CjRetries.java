package com.aap.api.commissions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Calls CJ again after a transient failure (a 5xx, a timeout): 1 s later, then 2 s, 4 s, ... up to {@code tries} calls. */
final class CjRetries {

  private CjRetries() {
  }

  static <T> Future<T> call(Vertx vertx, int tries, Supplier<Future<T>> call) {
    return attempt(vertx, tries, call, 1);
  }

  private static <T> Future<T> attempt(Vertx vertx, int tries, Supplier<Future<T>> call, int attempt) {
    return call.get().recover(e -> {
      if (!(e instanceof CjException cje) || cje.kind() != CjException.Kind.TRANSIENT || attempt >= tries) {
        return Future.failedFuture(e);
      }
      Promise<Void> delay = Promise.promise();
      vertx.setTimer(1000L << (attempt - 1), t -> delay.complete());
      return delay.future().compose(v -> attempt(vertx, tries, call, attempt + 1));
    });
  }
}
