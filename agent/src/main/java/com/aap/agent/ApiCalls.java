package com.aap.agent;

import com.aap.agent.api.ApiClient;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import java.io.IOException;
import java.time.Duration;

/**
 * How the agent retries a call to the API (with Failsafe): an unreachable API, a 5xx or a 429 answer is tried
 * again with exponential backoff and jitter until the call's patience runs out; any other answer is
 * final. The caller decides what a final failure means for the job.
 */
final class ApiCalls {

  private ApiCalls() {
  }

  /** Retries for up to {@code patience}, waiting 250 ms, then twice as long each time, at most {@code maxDelay}. */
  static RetryPolicy<Object> patient(Duration patience, Duration maxDelay) {
    return RetryPolicy.builder()
        .handleIf(ApiCalls::retryable)
        .withBackoff(Duration.ofMillis(250), maxDelay)
        .withJitter(0.5)
        .withMaxDuration(patience)
        .withMaxRetries(-1)
        .build();
  }

  /**
   * For the hand-over, which holds a token CJ showed once: every failure is retried for {@code patience}
   * (an API restart, agent keys being rotated (401), a proxy's 403 or 413), except a 400: the API read the
   * request and refused it, and asking again cannot change that.
   */
  static RetryPolicy<Object> holdingAToken(Duration patience) {
    return RetryPolicy.builder()
        .handleIf(failure -> failure instanceof IOException
            && !(failure instanceof ApiClient.ApiRejected rejected && rejected.status() == 400))
        .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(10))
        .withJitter(0.5)
        .withMaxDuration(patience)
        .withMaxRetries(-1)
        .build();
  }

  /** Three tries, one and then two seconds apart: for reports the API can also learn otherwise (a lease expiry). */
  static RetryPolicy<Object> aFewTimes() {
    return RetryPolicy.builder()
        .handleIf(ApiCalls::retryable)
        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .withMaxRetries(2)
        .build();
  }

  private static boolean retryable(Throwable failure) {
    if (failure instanceof ApiClient.ApiRejected rejected) return rejected.isRetryable();
    return failure instanceof IOException;
  }

  /**
   * Runs {@code call} under {@code policy}. Throws the last failure as it was: the API's answer, an
   * {@link IOException}, an {@link InterruptedException}, or what {@code call} itself threw.
   */
  static void run(RetryPolicy<Object> policy, Call call) throws IOException, InterruptedException, JobFailure {
    try {
      Failsafe.with(policy).run((CheckedRunnable) call::run);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof InterruptedException interrupted) throw interrupted;
      if (cause instanceof JobFailure failure) throw failure;
      throw e;
    }
  }

  /** A call to the API; may throw a {@link JobFailure} to stop trying (the job was fenced out). */
  interface Call {
    void run() throws IOException, InterruptedException, JobFailure;
  }
}
