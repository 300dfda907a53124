package com.aap.api.auth;

import com.aap.api.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where password hashes are computed: a pool of its own with a fixed number of threads, tasks unordered
 * (a plain {@code executeBlocking} is ordered per context, so every check waited for the one before it, and
 * it shares the worker pool with everything else), and at most {@code queue} checks waiting for a thread.
 * Beyond that a check is refused at once with 503 {@code busy}: work piled up by a flood is work a real
 * sign-in would wait behind. Create it in the verticle that uses it: undeploying that closes the pool.
 */
public final class PasswordWorkers {

  static final String POOL_NAME = "aap-password-hashing";

  private final WorkerExecutor executor;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  public PasswordWorkers(Vertx vertx, int threads, int queue) {
    this.executor = vertx.createSharedWorkerExecutor(POOL_NAME, threads);
    this.maxPending = threads + queue;
  }

  public Future<Boolean> matches(String password, String stored) {
    return run(() -> Passwords.matches(password, stored));
  }

  public Future<String> hash(String password) {
    return run(() -> Passwords.hash(password));
  }

  private <T> Future<T> run(Callable<T> task) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(ApiException.retryAfter(503, "busy",
          "too many sign-ins at once; try again in a moment", 1));
    }
    return executor.executeBlocking(task, false).andThen(done -> pending.decrementAndGet());
  }
}
